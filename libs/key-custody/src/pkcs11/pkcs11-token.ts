/**
 * One logged-in session on a PKCS#11 token (pkcs11js): generates secp256k1, P-256 and Ed25519 key
 * pairs whose private half is sensitive and non-extractable, reads their public point, and signs
 * 32-byte digests with CKM_ECDSA (raw r || s) or messages with CKM_EDDSA. Keys are found by CKA_ID. Calls are synchronous and
 * short (the event loop is held for one token operation). The native addon is loaded only when a
 * token is opened, so deployments on the software keystore never need it built.
 */
import type * as Pkcs11js from 'pkcs11js';

/** CKA_EC_PARAMS of each curve: the DER of its named-curve OID. */
const EC_PARAMS = {
  /** 1.3.132.0.10 */
  secp256k1: Buffer.from('06052b8104000a', 'hex'),
  /** 1.2.840.10045.3.1.7 (prime256v1) */
  'P-256': Buffer.from('06082a8648ce3d030107', 'hex'),
  /** 1.3.101.112 (id-Ed25519, RFC 8410) */
  Ed25519: Buffer.from('06032b6570', 'hex'),
} as const;

export type TokenCurve = keyof typeof EC_PARAMS;

/** PKCS#11 3.0 mechanisms pkcs11js has no constants for. */
const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
const CKM_EDDSA = 0x1057;

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

  /** Generates a token-resident secp256k1 key pair with `id`; returns its CKA_EC_POINT (DER). */
  generateSecp256k1(id: Buffer, label: string): Buffer {
    return this.generateKeyPair(id, label, 'secp256k1');
  }

  /** Generates a token-resident key pair on `curve` with `id`; returns its CKA_EC_POINT (DER). */
  generateKeyPair(id: Buffer, label: string, curve: TokenCurve): Buffer {
    const common = [
      { type: this.lib.CKA_TOKEN, value: true },
      { type: this.lib.CKA_ID, value: id },
      { type: this.lib.CKA_LABEL, value: label },
    ];
    const keys = this.module.C_GenerateKeyPair(
      this.session,
      {
        mechanism: curve === 'Ed25519' ? CKM_EC_EDWARDS_KEY_PAIR_GEN : this.lib.CKM_EC_KEY_PAIR_GEN,
      },
      [
        ...common,
        { type: this.lib.CKA_EC_PARAMS, value: EC_PARAMS[curve] },
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

  /** Signs a 32-byte digest with the ECDSA private key `id`: 64 bytes r || s. */
  signDigest(id: Buffer, digest: Uint8Array): Buffer {
    return this.signWith(this.lib.CKM_ECDSA, id, digest, 72);
  }

  /** Signs a whole message with the Ed25519 private key `id` (CKM_EDDSA): 64 bytes. */
  signEdDsa(id: Buffer, message: Uint8Array): Buffer {
    return this.signWith(CKM_EDDSA, id, message, 64);
  }

  private signWith(mechanism: number, id: Buffer, data: Uint8Array, size: number): Buffer {
    this.module.C_SignInit(this.session, { mechanism }, this.privateKey(id));
    try {
      return this.module.C_Sign(this.session, Buffer.from(data), Buffer.alloc(size));
    } catch (error) {
      // Some tokens (SoftHSM2 on a refused input) leave the operation active, which would make
      // every later signature of this session fail with CKR_OPERATION_ACTIVE: end it.
      try {
        this.module.C_SignFinal(this.session, Buffer.alloc(size));
      } catch {
        // already ended, as the standard says it should be
      }
      throw error;
    }
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
