// Test support: a charger nobody on the team wrote (ocpp-rpc's strict RPCClient), with typed options and replies.
import { RPCClient } from "ocpp-rpc";

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

/** ocpp-rpc's typings mark every option required; these are the ones a test chooses. */
export type TestChargerOptions = Partial<
  Pick<ClientOptions, "protocols" | "strictMode" | "password" | "reconnect">
>;

export class TestCharger extends RPCClient {
  constructor(
    endpoint: string,
    identity: string,
    options: TestChargerOptions = {},
  ) {
    super({
      endpoint,
      identity,
      protocols: ["ocpp1.6"],
      strictMode: true,
      reconnect: false,
      ...options,
    } as ClientOptions);
  }

  /** A CALL whose CALLRESULT the test reads as the shape it expects (strict mode validated it already). */
  async send<Reply = Record<string, unknown>>(
    action: string,
    payload: object,
  ): Promise<Reply> {
    return (await this.call(action, payload)) as Reply;
  }
}
