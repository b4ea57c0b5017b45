import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Bbox, distanceM, MAX_LEVEL, roomsForBbox, roomsForPoint } from "./geo";

const lisbon: Bbox = [-9.235, 38.69, -9.085, 38.8];
const porto: Bbox = [-8.7, 41.1, -8.55, 41.2];

describe("area rooms", () => {
  test("a point publishes to one cell per level", () => {
    assert.equal(roomsForPoint(-9.14, 38.72).length, MAX_LEVEL + 1);
  });

  test("a view over Lisbon shares a room with a station in Lisbon, and a station in Porto reaches only Porto's view", () => {
    const subscribed = new Set(roomsForBbox(lisbon));
    assert.ok(
      roomsForPoint(-9.1303, 38.7118).some((room) => subscribed.has(room)),
    );
    assert.ok(
      !roomsForPoint(-8.61, 41.15).some((room) => subscribed.has(room)),
    );
    const portoRooms = new Set(roomsForBbox(porto));
    assert.ok(roomsForPoint(-8.61, 41.15).some((room) => portoRooms.has(room)));
  });

  const views: [string, Bbox][] = [
    ["a street", [-9.14, 38.71, -9.138, 38.712]],
    ["a city", lisbon],
    ["a country", [-9.6, 36.9, -6.1, 42.2]],
    ["the world", [-180, -90, 180, 90]],
  ];
  for (const [name, view] of views) {
    test(`a view of ${name} joins between 1 and 64 rooms that cover every point inside it`, () => {
      const rooms = new Set(roomsForBbox(view));
      assert.ok(rooms.size >= 1 && rooms.size <= 64, `${rooms.size} rooms`);
      const [minLng, minLat, maxLng, maxLat] = view;
      for (const [lng, lat] of [
        [minLng, minLat],
        [maxLng, maxLat],
        [(minLng + maxLng) / 2, (minLat + maxLat) / 2],
      ]) {
        assert.ok(
          roomsForPoint(lng, lat).some((room) => rooms.has(room)),
          `${lng},${lat} not covered`,
        );
      }
    });
  }

  test("a bbox with min above max is refused", () => {
    assert.equal(Bbox.safeParse([10, 50, 0, 40]).success, false);
    assert.equal(Bbox.safeParse([0, 0, 200, 10]).success, false);
  });
});

test("distance from Rossio to Belém tower is about 6 km", () => {
  const m = distanceM(38.7139, -9.1394, 38.6916, -9.216);
  assert.ok(m > 6_500 && m < 7_200, `${m} m`);
});
