// Which address a 404 is for, as the server tells the not-found page: that page gets no params, but reads headers.
export const NOT_FOUND_KIND_HEADER = "x-carrega-not-found";

/** A page load of /stations/{id} for a station that is not there (lib/server/station-not-found.ts). */
export const MISSING_STATION = "station";
