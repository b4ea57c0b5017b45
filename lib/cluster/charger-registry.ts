// Which instance holds each charger's socket, with an epoch per connection: the newest connection wins everywhere.
import type { Logger } from "../log";
import type { ChargerDirectory } from "../ocpp/endpoint";
import type { OcppVersion } from "../ocpp/versions";
import type { Cluster } from "./cluster";
import { COMPARE_AND_DELETE } from "./compare-and-delete";

/** `chargePointId → "epoch instanceId version"`; the epoch from one INCR, set and announced in the same script. */
const CLAIM = `
local epoch = redis.call('INCR', KEYS[2])
local entry = epoch .. ' ' .. ARGV[1]
redis.call('SET', KEYS[1], entry)
redis.call('PUBLISH', ARGV[2], entry .. ' ' .. ARGV[3])
return epoch`;

export type ChargerHolder = {
  instanceId: string;
  version: OcppVersion;
  epoch: number;
};

type Held = { epoch: Promise<number | null>; replace: () => void };

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

  private constructor(
    private readonly cluster: Cluster,
    private readonly log: Logger,
  ) {}

  static async start(cluster: Cluster, log: Logger): Promise<ChargerRegistry> {
    const registry = new ChargerRegistry(cluster, log);
    await cluster.subscribe(cluster.keys.chargerAttached, (text) =>
      registry.onAttachedElsewhere(text),
    );
    return registry;
  }

  attached(
    chargePointId: string,
    version: OcppVersion,
    replace: () => void,
  ): () => Promise<void> {
    const { redis, keys, instanceId } = this.cluster;
    const key = keys.charger(chargePointId);
    const owner = `${instanceId} ${version}`;
    const epoch = (
      redis.eval(
        CLAIM,
        2,
        key,
        keys.chargerEpoch,
        owner,
        keys.chargerAttached,
        chargePointId,
      ) as Promise<number>
    ).then(Number, (err: unknown) => {
      // Unrecorded, the charger is still served here; other instances see it as not connected until it reconnects.
      this.log.warn({ err, chargePointId }, "charger registry claim failed");
      return null;
    });
    const held: Held = { epoch, replace };
    this.held.set(chargePointId, held);
    // The endpoint does not wait for it (it never fails): resolves once Redis has answered.
    return async () => {
      if (this.held.get(chargePointId) === held)
        this.held.delete(chargePointId);
      const mine = await epoch;
      // Sockets closing at shutdown: our liveness key is gone already, and with it every entry of ours.
      if (mine === null || this.hasLeft) return;
      await redis.eval(COMPARE_AND_DELETE, 1, key, `${mine} ${owner}`).then(
        () => undefined,
        (err: unknown) =>
          this.log.warn(
            { err, chargePointId },
            "charger registry release failed",
          ),
      );
    };
  }

  /** This instance is leaving the cluster: its entries count as not connected once its liveness key is gone. */
  leave(): void {
    this.hasLeft = true;
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

  /** A newer connection of a charger we hold opened on another instance: ours is the stale one, so it closes. */
  private onAttachedElsewhere(text: string): void {
    const { epoch, instanceId, rest: chargePointId } = parseEntry(text);
    if (instanceId === this.cluster.instanceId) return; // our own: the endpoint replaced any older socket here
    const held = this.held.get(chargePointId);
    if (!held) return;
    void held.epoch.then((mine) => {
      if (
        mine === null ||
        mine > epoch ||
        this.held.get(chargePointId) !== held
      )
        return;
      this.held.delete(chargePointId);
      this.log.info(
        { chargePointId, instanceId, epoch },
        "charger reconnected to another instance: closing its socket here",
      );
      held.replace();
    });
  }
}
