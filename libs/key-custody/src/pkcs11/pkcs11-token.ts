/**
 * One logged-in session on a PKCS#11 token (pkcs11js): generates secp256k1 key pairs whose
 * private half is sensitive and non-extractable, reads their public point, and signs 32-byte
 * digests with CKM_ECDSA (raw r || s). Keys are found by CKA_ID. Calls are synchronous and
 * short (the event loop is held for one token operation). The native addon is loaded only when a
 * token is opened, so deployments on the software keystore never need it built.
 */
import type * as Pkcs11js from 'pkcs11js';

/** DER of the secp256k1 named-curve OID 1.3.132.0.10, the CKA_EC_PARAMS of every key. */
const SECP256K1_PARAMS = Buffer.from('06052b8104000a', 'hex');

export interface Pkcs11TokenOptions {
  modulePath: string;
  tokenLabel: string;
  pin: string;
}

export class Pkcs11TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Pkcs11TokenError';
  }
}

export class Pkcs11Token {
  /** Private key handles by hex CKA_ID: valid for the session's life, saves a search per signature. */
  private readonly privateKeys = new Map<string, Buffer>();

  private constructor(
    private readonly lib: typeof Pkcs11js,
    private readonly module: Pkcs11js.PKCS11,
    private readonly session: Buffer,
  ) {}

  /** Loads the module, finds the token by label and logs in as user. */
  static async open(options: Pkcs11TokenOptions): Promise<Pkcs11Token> {
    const pkcs11js = await import('pkcs11js');
    const module = new pkcs11js.PKCS11();
    module.load(options.modulePath);
    module.C_Initialize();
    try {
      const slot = module
        .C_GetSlotList(true)
        .find((candidate) => module.C_GetTokenInfo(candidate).label.trim() === options.tokenLabel);
      if (!slot) throw new Pkcs11TokenError(`no PKCS#11 token labelled ${options.tokenLabel}`);
      const session = module.C_OpenSession(
        slot,
        pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION,
      );
      module.C_Login(session, pkcs11js.CKU_USER, options.pin);
      return new Pkcs11Token(pkcs11js, module, session);
    } catch (error) {
      module.C_Finalize();
      module.close();
      throw error;
    }
  }

  /** Generates a token-resident key pair with `id`; returns the public CKA_EC_POINT (DER). */
  generateSecp256k1(id: Buffer, label: string): Buffer {
    const common = [
      { type: this.lib.CKA_TOKEN, value: true },
      { type: this.lib.CKA_ID, value: id },
      { type: this.lib.CKA_LABEL, value: label },
    ];
    const keys = this.module.C_GenerateKeyPair(
      this.session,
      { mechanism: this.lib.CKM_EC_KEY_PAIR_GEN },
      [
        ...common,
        { type: this.lib.CKA_EC_PARAMS, value: SECP256K1_PARAMS },
        { type: this.lib.CKA_VERIFY, value: true },
      ],
      [
        ...common,
        { type: this.lib.CKA_PRIVATE, value: true },
        { type: this.lib.CKA_SENSITIVE, value: true },
        { type: this.lib.CKA_EXTRACTABLE, value: false },
        { type: this.lib.CKA_SIGN, value: true },
      ],
    );
    const [point] = this.module.C_GetAttributeValue(this.session, keys.publicKey, [
      { type: this.lib.CKA_EC_POINT },
    ]);
    if (!Buffer.isBuffer(point.value)) throw new Pkcs11TokenError('the token gave no EC point');
    return point.value;
  }

  /** Signs a 32-byte digest with the private key `id`: 64 bytes r || s. */
  signDigest(id: Buffer, digest: Uint8Array): Buffer {
    const key = this.privateKey(id);
    this.module.C_SignInit(this.session, { mechanism: this.lib.CKM_ECDSA }, key);
    return this.module.C_Sign(this.session, Buffer.from(digest), Buffer.alloc(72));
  }

  /** The public CKA_EC_POINT (DER) of the key pair `id`. */
  publicPoint(id: Buffer): Buffer {
    const [point] = this.module.C_GetAttributeValue(
      this.session,
      this.find(this.lib.CKO_PUBLIC_KEY, id),
      [{ type: this.lib.CKA_EC_POINT }],
    );
    if (!Buffer.isBuffer(point.value)) throw new Pkcs11TokenError('the token gave no EC point');
    return point.value;
  }

  /** Whether the private key `id` can be read out of the token (it never should). */
  privateKeyFlags(id: Buffer): { sensitive: boolean; extractable: boolean } {
    const [sensitive, extractable] = this.module.C_GetAttributeValue(
      this.session,
      this.find(this.lib.CKO_PRIVATE_KEY, id),
      [{ type: this.lib.CKA_SENSITIVE }, { type: this.lib.CKA_EXTRACTABLE }],
    );
    const flag = (value: unknown) => Buffer.isBuffer(value) && value[0] === 1;
    return { sensitive: flag(sensitive.value), extractable: flag(extractable.value) };
  }

  private privateKey(id: Buffer): Buffer {
    const cacheKey = id.toString('hex');
    let handle = this.privateKeys.get(cacheKey);
    if (!handle) {
      handle = this.find(this.lib.CKO_PRIVATE_KEY, id);
      this.privateKeys.set(cacheKey, handle);
    }
    return handle;
  }

  close(): void {
    this.privateKeys.clear();
    try {
      this.module.C_Logout(this.session);
      this.module.C_CloseSession(this.session);
    } finally {
      this.module.C_Finalize();
      this.module.close();
    }
  }

  private find(objectClass: number, id: Buffer): Buffer {
    this.module.C_FindObjectsInit(this.session, [
      { type: this.lib.CKA_CLASS, value: objectClass },
      { type: this.lib.CKA_ID, value: id },
    ]);
    try {
      const handle = this.module.C_FindObjects(this.session);
      if (!handle) throw new Pkcs11TokenError(`no key ${id.toString('hex')} on the token`);
      return handle;
    } finally {
      this.module.C_FindObjectsFinal(this.session);
    }
  }
}
