// Which instance holds each charger's socket, with an epoch per connection: the newest connection wins everywhere.
import type { Logger } from "../log";
import type { ChargerDirectory } from "../ocpp/endpoint";
import type { OcppVersion } from "../ocpp/versions";
import type { Cluster } from "./cluster";
import { COMPARE_AND_DELETE } from "./compare-and-delete";
import { isReady } from "./redis";
import { defineScript } from "./scripts";

/**
 * `chargePointId → "epoch instanceId version"`; the epoch from one INCR, set and announced in the same script.
 * "Newest" is the connection whose claim reached Redis last (scripts run one at a time, so it has the highest
 * epoch): a charger that opens sockets on A and then B within milliseconds may keep A's if A's claim lands later.
 * It then talks on A, and its socket on B closes; either way it has one.
 */
const CLAIM = `
local epoch = redis.call('INCR', KEYS[2])
local entry = epoch .. ' ' .. ARGV[1]
redis.call('SET', KEYS[1], entry)
redis.call('PUBLISH', ARGV[2], entry .. ' ' .. ARGV[3])
return epoch`;

/**
 * After Redis came back: our entry as it was (a blip) keeps its epoch; a missing one (Redis restarted without its
 * data) is claimed again with a new epoch from the new counter; another instance's entry is a connection made since
 * ours, so ours lost (0). ARGV[1] is the entry we wrote, ARGV[2] its owner part.
 */
const RECLAIM = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then return tonumber(string.match(current, '^(%d+)')) end
if current and string.sub(current, -#ARGV[2] - 1) ~= ' ' .. ARGV[2] then return 0 end
local epoch = redis.call('INCR', KEYS[2])
local entry = epoch .. ' ' .. ARGV[2]
redis.call('SET', KEYS[1], entry)
redis.call('PUBLISH', ARGV[3], entry .. ' ' .. ARGV[4])
return epoch`;

/** A failed claim is tried again this often while the socket stays (Redis away or slow at attach). */
const RETRY_CLAIM_MS = 1_000;

export type ChargerHolder = {
  instanceId: string;
  version: OcppVersion;
  epoch: number;
};

/** The epoch is null while unrecorded (a failed claim): such a connection loses to any announcement. */
type Held = {
  version: OcppVersion;
  epoch: Promise<number | null>;
  replace: () => void;
};

/** "epoch instanceId version[ chargePointId]": the chargePointId last, since only it may hold spaces. */
function parseEntry(text: string): ChargerHolder & { rest: string } {
  const [epoch, instanceId, version, ...rest] = text.split(" ");
  return {
    epoch: Number(epoch),
    instanceId,
    version: version as OcppVersion,
    rest: rest.join(" "),
  };
}

export class ChargerRegistry implements ChargerDirectory {
  /** This instance's sockets, with the epoch each was given (pending until Redis answers). */
  private readonly held = new Map<string, Held>();
  private hasLeft = false;
  private readonly claim;
  private readonly reclaim;
  private readonly compareAndDelete;

  private constructor(
    private readonly cluster: Cluster,
    private readonly log: Logger,
  ) {
    this.claim = defineScript(cluster.redis, "carregaClaimCharger", CLAIM);
    this.reclaim = defineScript(
      cluster.redis,
      "carregaReclaimCharger",
      RECLAIM,
    );
    this.compareAndDelete = defineScript(
      cluster.redis,
      "carregaCompareAndDelete",
      COMPARE_AND_DELETE,
    );
  }

  static async start(cluster: Cluster, log: Logger): Promise<ChargerRegistry> {
    const registry = new ChargerRegistry(cluster, log);
    await cluster.subscribe(cluster.keys.chargerAttached, (text) =>
      registry.onAttachedElsewhere(text),
    );
    cluster.onReconnect(() => registry.claimAllAgain());
    return registry;
  }

  attached(
    chargePointId: string,
    version: OcppVersion,
    replace: () => void,
  ): () => Promise<void> {
    const held: Held = { version, epoch: Promise.resolve(null), replace };
    held.epoch = this.record(chargePointId, held, "claim");
    this.held.set(chargePointId, held);
    const key = this.cluster.keys.charger(chargePointId);
    // The endpoint does not wait for it (it never fails): resolves once Redis has answered.
    return async () => {
      if (this.held.get(chargePointId) === held)
        this.held.delete(chargePointId);
      const mine = await held.epoch;
      // Sockets closing after leave(): it removed what was still ours in one go.
      if (mine === null || this.hasLeft) return;
      await this.compareAndDelete([key], [this.entry(mine, version)]).then(
        () => undefined,
        (err: unknown) =>
          this.log.warn(
            { err, chargePointId },
            "charger registry release failed",
          ),
      );
    };
  }

  /**
   * This instance is leaving the cluster: the entries still ours go now (compare-and-delete, one pipeline), so
   * nobody reads them until our liveness key ends. Best effort: with Redis away they count as a dead instance's.
   */
  async leave(): Promise<void> {
    this.hasLeft = true;
    const { redis, keys } = this.cluster;
    if (!isReady(redis)) return;
    const entries = await Promise.all(
      [...this.held].map(async ([chargePointId, held]) => ({
        chargePointId,
        held,
        epoch: await held.epoch,
      })),
    );
    const pipeline = redis.pipeline();
    for (const { chargePointId, held, epoch } of entries)
      if (epoch !== null)
        pipeline.eval(
          COMPARE_AND_DELETE,
          1,
          keys.charger(chargePointId),
          this.entry(epoch, held.version),
        );
    await pipeline
      .exec()
      .catch((err: unknown) =>
        this.log.warn({ err }, "charger entries not removed on leaving"),
      );
    this.held.clear();
  }

  /** The live instance holding the charger, or null: no entry, or its instance stopped renewing its liveness. */
  async holderOf(chargePointId: string): Promise<ChargerHolder | null> {
    const text = await this.cluster.redis.get(
      this.cluster.keys.charger(chargePointId),
    );
    if (!text) return null;
    const { epoch, instanceId, version } = parseEntry(text);
    return (await this.cluster.isAlive(instanceId))
      ? { epoch, instanceId, version }
      : null;
  }

  private entry(epoch: number, version: OcppVersion): string {
    return `${epoch} ${this.cluster.instanceId} ${version}`;
  }

  /**
   * Claims (a new connection) or claims again (after Redis came back) the charger's entry; the epoch, or null
   * when Redis did not answer, retried while the same socket is held. A reclaim that lost closes our socket.
   */
  private record(
    chargePointId: string,
    held: Held,
    how: "claim" | "reclaim",
    previous: number | null = null,
  ): Promise<number | null> {
    const { keys, instanceId } = this.cluster;
    const key = keys.charger(chargePointId);
    const owner = `${instanceId} ${held.version}`;
    const announce = [keys.chargerAttached, chargePointId];
    const asked =
      how === "reclaim" && previous !== null
        ? this.reclaim(
            [key, keys.chargerEpoch],
            [`${previous} ${owner}`, owner, ...announce],
          )
        : this.claim([key, keys.chargerEpoch], [owner, ...announce]);
    return asked.then(
      (epoch) => {
        if (Number(epoch) !== 0) return Number(epoch);
        this.yieldToNewer(
          chargePointId,
          held,
          "its entry names another instance",
        );
        return null;
      },
      (err: unknown) => {
        // Unrecorded, the charger is still served here; other instances see it as not connected until this works.
        this.log.warn({ err, chargePointId }, "charger registry claim failed");
        const retry = setTimeout(() => {
          if (this.held.get(chargePointId) !== held || this.hasLeft) return;
          held.epoch = this.record(chargePointId, held, how, previous);
        }, RETRY_CLAIM_MS);
        retry.unref();
        return null;
      },
    );
  }

  /** Redis is back: every socket held here is written again (its old entry, or a new one if Redis lost it). */
  private claimAllAgain(): void {
    for (const [chargePointId, held] of this.held) {
      // Set at once: an announcement read meanwhile waits for this answer before comparing epochs.
      held.epoch = held.epoch.then((previous) =>
        this.held.get(chargePointId) === held
          ? this.record(chargePointId, held, "reclaim", previous)
          : previous,
      );
    }
  }

  private yieldToNewer(chargePointId: string, held: Held, why: string): void {
    if (this.held.get(chargePointId) !== held) return;
    this.held.delete(chargePointId);
    this.log.info(
      { chargePointId, why },
      "charger reconnected to another instance: closing its socket here",
    );
    held.replace();
  }

  /** A newer connection of a charger we hold opened on another instance: ours is the stale one, so it closes. */
  private onAttachedElsewhere(text: string): void {
    const { epoch, instanceId, rest: chargePointId } = parseEntry(text);
    if (instanceId === this.cluster.instanceId) return; // our own: the endpoint replaced any older socket here
    const held = this.held.get(chargePointId);
    if (!held) return;
    void held.epoch.then((mine) => {
      // An unrecorded connection of ours loses to any recorded one: the charger is reachable there.
      if (mine !== null && mine > epoch) return;
      this.yieldToNewer(chargePointId, held, `epoch ${epoch} on ${instanceId}`);
    });
  }
}
