// One simulated OCPP 1.6J charger for npm run bench: a raw WebSocket with HTTP Basic auth, one CALL at a time.
import WebSocket from "ws";
import { basicAuth } from "../lib/server/test-charger";

/** A CALL that has no answer by then failed: the server dropped it or is stuck, either way the figure shows it. */
const CALL_DEADLINE_MS = 30_000;
const CONNECT_DEADLINE_MS = 30_000;

type Pending = {
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

export class ChargerConnection {
  private seq = 0;
  private readonly pending = new Map<string, Pending>();
  /** The public status the server shows for the connector, as this charger last reported it. */
  status: "Available" | "Charging" = "Available";
  transactionId: number | null = null;
  energyWh = 0;

  private constructor(
    readonly chargePointId: string,
    private readonly ws: WebSocket,
  ) {
    ws.on("message", (data) => this.onFrame(data.toString()));
    ws.on("close", () => this.failPending("socket closed"));
  }

  static open(
    ocppUrl: string,
    chargePointId: string,
    password: string,
  ): Promise<ChargerConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${ocppUrl}/${chargePointId}`, "ocpp1.6", {
        headers: basicAuth(chargePointId, password),
        // Chargers seldom compress, and deflate would cost both ends CPU the product does not need to spend.
        perMessageDeflate: false,
        handshakeTimeout: CONNECT_DEADLINE_MS,
      });
      ws.once("open", () => resolve(new ChargerConnection(chargePointId, ws)));
      ws.once("unexpected-response", (_request, response) => {
        ws.terminate();
        reject(new Error(`upgrade refused: ${response.statusCode}`));
      });
      ws.once("error", reject);
    });
  }

  /** Sends a CALL and resolves with the CALLRESULT's payload; a CALLERROR, a close or the deadline rejects. */
  call(action: string, payload: object): Promise<unknown> {
    const messageId = String(this.seq++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`${action} unanswered after ${CALL_DEADLINE_MS} ms`));
      }, CALL_DEADLINE_MS);
      this.pending.set(messageId, { resolve, reject, timer });
      this.ws.send(JSON.stringify([2, messageId, action, payload]));
    });
  }

  /** Every socket at once, as a power cut or a network partition drops them: no close handshake. */
  terminate(): void {
    this.ws.terminate();
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(raw: string): void {
    const frame = JSON.parse(raw) as [number, string, ...unknown[]];
    const [type, messageId] = frame;
    if (type === 2) {
      // The server's own CALLs (configuration, triggers): this bench charger implements none of them.
      this.ws.send(
        JSON.stringify([4, messageId, "NotImplemented", "bench charger", {}]),
      );
      return;
    }
    const pending = this.pending.get(messageId);
    if (!pending) return;
    this.pending.delete(messageId);
    clearTimeout(pending.timer);
    if (type === 3) pending.resolve(frame[2]);
    else pending.reject(new Error(`CALLERROR ${String(frame[2])}`));
  }

  private failPending(reason: string): void {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(reason));
    }
    this.pending.clear();
  }
}
