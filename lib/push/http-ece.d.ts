// Types for http_ece 1.2 (no published types): the decrypt call the test push service makes.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";

  type DecryptParams = {
    version: "aes128gcm" | "aesgcm" | "aesgcm128";
    privateKey?: ECDH;
    authSecret?: Buffer | string;
    dh?: Buffer | string;
  };

  const ece: {
    decrypt(buffer: Buffer, params: DecryptParams): Buffer;
  };
  export default ece;
}
