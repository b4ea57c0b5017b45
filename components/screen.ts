// The one screen breakpoint, as app/globals.css has it (@media (max-width: 719px)): below it the map's cards sit
// across the top and a station's details cover the screen; above it they sit beside the map.
export function isPhoneScreen(): boolean {
  return window.matchMedia("(max-width: 719px)").matches;
}
