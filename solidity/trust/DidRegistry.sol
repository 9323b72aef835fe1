// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/**
 * @title DidRegistry
 * @notice DID documents of an EBSI-style DID method for organisations. A DID is
 * `did:<methodName>:z<base58btc(0x01 || id)>` with `id` 16 random bytes (EBSI's legal-entity
 * method-specific identifier, version 1); the method name is fixed per deployment.
 *
 * Every change is authorised by an EIP-712 signature of a secp256k1 key of the DID (or of one of
 * its controllers) that holds the relationship the change needs — capabilityInvocation for the
 * document's keys and deactivation, capabilityDelegation for its controllers — at the time of the
 * change. Anyone (in practice the organisation's signing account, through the platform's
 * transaction manager) may submit it. Keys are never deleted: rotation closes a key's validity
 * interval, so signatures made while it was valid stay verifiable.
 */
contract DidRegistry is EIP712 {
    uint8 public constant AUTHENTICATION = 1;
    uint8 public constant ASSERTION_METHOD = 2;
    uint8 public constant CAPABILITY_INVOCATION = 4;
    uint8 public constant CAPABILITY_DELEGATION = 8;
    uint8 private constant ALL_RELATIONSHIPS = 15;
    uint256 public constant MAX_METHODS = 32;
    uint256 public constant MAX_CONTROLLERS = 8;

    enum KeyType {
        Secp256k1,
        P256,
        Ed25519
    }

    enum Action {
        Register,
        AddVerificationMethod,
        ExpireVerificationMethod,
        AddController,
        RemoveController,
        Deactivate
    }

    struct VerificationMethod {
        bytes32 fragment;
        KeyType keyType;
        /// @dev secp256k1 and P-256: x || y (64 bytes); Ed25519: 32 bytes.
        bytes publicKey;
        /// @dev The Ethereum address of a secp256k1 key (what ecrecover yields); zero otherwise.
        address account;
        uint8 relationships;
        uint64 validFrom;
        /// @dev 0 while the key is valid; the block time its validity ended otherwise.
        uint64 validUntil;
    }

    struct DidDocument {
        bool deactivated;
        uint64 created;
        uint64 updated;
        uint256 nonce;
        bytes16[] controllers;
        VerificationMethod[] methods;
    }

    bytes32 public constant DID_CHANGE_TYPEHASH = keccak256(
        "DidChange(bytes16 did,bytes16 signerDid,uint8 action,bytes32 payload,uint256 nonce,uint256 deadline)"
    );

    string public methodName;
    mapping(bytes16 => DidDocument) private documents;
    bytes16[] private ids;

    event DidRegistered(bytes16 indexed id, address indexed account);
    event VerificationMethodAdded(bytes16 indexed id, bytes32 fragment, uint8 relationships);
    event VerificationMethodExpired(bytes16 indexed id, bytes32 fragment, uint64 validUntil);
    event ControllerAdded(bytes16 indexed id, bytes16 controller);
    event ControllerRemoved(bytes16 indexed id, bytes16 controller);
    event DidDeactivated(bytes16 indexed id);

    error UnknownDid(bytes16 id);
    error DidAlreadyExists(bytes16 id);
    error DidIsDeactivated(bytes16 id);
    error InvalidId();
    error InvalidPublicKey();
    error InvalidRelationships();
    error DuplicateFragment(bytes32 fragment);
    error UnknownFragment(bytes32 fragment);
    error AlreadyExpired(bytes32 fragment);
    error WouldLockOut();
    error TooMany();
    error NotAController(bytes16 signerDid);
    error AlreadyAController(bytes16 controller);
    error Expired();
    error BadNonce(uint256 expected);
    error InvalidSignature();
    error Unauthorised(address signer);

    constructor(string memory methodName_) EIP712("Strata DID Registry", "1") {
        bytes memory name = bytes(methodName_);
        if (name.length == 0 || name.length > 32) revert InvalidId();
        for (uint256 i = 0; i < name.length; i++) {
            bytes1 c = name[i];
            if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) revert InvalidId();
        }
        methodName = methodName_;
    }

    /**
     * @notice Registers `id` with its first key, a secp256k1 key holding every relationship; the
     * key signs the registration itself (proof of possession, nonce 0).
     */
    function register(bytes16 id, bytes32 fragment, bytes calldata publicKey, uint256 deadline, bytes calldata signature)
        external
    {
        if (id == bytes16(0) || fragment == bytes32(0)) revert InvalidId();
        DidDocument storage doc = documents[id];
        if (doc.created != 0) revert DidAlreadyExists(id);
        address account = _secp256k1Account(publicKey);
        bytes32 payload = keccak256(abi.encode(fragment, keccak256(publicKey)));
        address signer = _signer(id, id, Action.Register, payload, 0, deadline, signature);
        if (signer != account) revert Unauthorised(signer);
        doc.created = uint64(block.timestamp);
        doc.updated = uint64(block.timestamp);
        doc.nonce = 1;
        doc.methods.push(
            VerificationMethod(fragment, KeyType.Secp256k1, publicKey, account, ALL_RELATIONSHIPS, uint64(block.timestamp), 0)
        );
        ids.push(id);
        emit DidRegistered(id, account);
    }

    function addVerificationMethod(
        bytes16 id,
        bytes16 signerDid,
        bytes32 fragment,
        KeyType keyType,
        bytes calldata publicKey,
        uint8 relationships,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 payload = keccak256(abi.encode(fragment, uint8(keyType), keccak256(publicKey), relationships));
        DidDocument storage doc =
            _authorise(id, signerDid, Action.AddVerificationMethod, payload, deadline, signature, CAPABILITY_INVOCATION);
        if (fragment == bytes32(0)) revert InvalidId();
        if (relationships == 0 || relationships > ALL_RELATIONSHIPS) revert InvalidRelationships();
        if (doc.methods.length >= MAX_METHODS) revert TooMany();
        for (uint256 i = 0; i < doc.methods.length; i++) {
            if (doc.methods[i].fragment == fragment) revert DuplicateFragment(fragment);
        }
        address account;
        if (keyType == KeyType.Secp256k1) {
            account = _secp256k1Account(publicKey);
        } else {
            // Only secp256k1 keys can sign changes here (ecrecover), so only they may hold capabilities.
            if (relationships & (CAPABILITY_INVOCATION | CAPABILITY_DELEGATION) != 0) revert InvalidRelationships();
            if (publicKey.length != (keyType == KeyType.P256 ? 64 : 32)) revert InvalidPublicKey();
        }
        doc.methods.push(
            VerificationMethod(fragment, keyType, publicKey, account, relationships, uint64(block.timestamp), 0)
        );
        emit VerificationMethodAdded(id, fragment, relationships);
    }

    /// @notice Ends a key's validity now (rotation or compromise); the key stays in the document.
    function expireVerificationMethod(
        bytes16 id,
        bytes16 signerDid,
        bytes32 fragment,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 payload = keccak256(abi.encode(fragment));
        DidDocument storage doc =
            _authorise(id, signerDid, Action.ExpireVerificationMethod, payload, deadline, signature, CAPABILITY_INVOCATION);
        uint256 index = type(uint256).max;
        for (uint256 i = 0; i < doc.methods.length; i++) {
            if (doc.methods[i].fragment == fragment) index = i;
        }
        if (index == type(uint256).max) revert UnknownFragment(fragment);
        VerificationMethod storage method = doc.methods[index];
        if (method.validUntil != 0) revert AlreadyExpired(fragment);
        method.validUntil = uint64(block.timestamp);
        if (doc.controllers.length == 0 && !_hasValidKey(doc, CAPABILITY_INVOCATION, uint64(block.timestamp))) {
            revert WouldLockOut();
        }
        emit VerificationMethodExpired(id, fragment, uint64(block.timestamp));
    }

    function addController(bytes16 id, bytes16 signerDid, bytes16 controller, uint256 deadline, bytes calldata signature)
        external
    {
        bytes32 payload = keccak256(abi.encode(controller));
        DidDocument storage doc =
            _authorise(id, signerDid, Action.AddController, payload, deadline, signature, CAPABILITY_DELEGATION);
        if (controller == id) revert InvalidId();
        DidDocument storage other = documents[controller];
        if (other.created == 0) revert UnknownDid(controller);
        if (other.deactivated) revert DidIsDeactivated(controller);
        if (doc.controllers.length >= MAX_CONTROLLERS) revert TooMany();
        if (_isController(doc, controller)) revert AlreadyAController(controller);
        doc.controllers.push(controller);
        emit ControllerAdded(id, controller);
    }

    function removeController(bytes16 id, bytes16 signerDid, bytes16 controller, uint256 deadline, bytes calldata signature)
        external
    {
        bytes32 payload = keccak256(abi.encode(controller));
        DidDocument storage doc =
            _authorise(id, signerDid, Action.RemoveController, payload, deadline, signature, CAPABILITY_DELEGATION);
        uint256 count = doc.controllers.length;
        for (uint256 i = 0; i < count; i++) {
            if (doc.controllers[i] == controller) {
                doc.controllers[i] = doc.controllers[count - 1];
                doc.controllers.pop();
                if (doc.controllers.length == 0 && !_hasValidKey(doc, CAPABILITY_INVOCATION, uint64(block.timestamp))) {
                    revert WouldLockOut();
                }
                emit ControllerRemoved(id, controller);
                return;
            }
        }
        revert NotAController(controller);
    }

    /// @notice Deactivates the DID for good: it no longer resolves to a usable document.
    function deactivate(bytes16 id, bytes16 signerDid, uint256 deadline, bytes calldata signature) external {
        DidDocument storage doc =
            _authorise(id, signerDid, Action.Deactivate, bytes32(0), deadline, signature, CAPABILITY_INVOCATION);
        doc.deactivated = true;
        emit DidDeactivated(id);
    }

    // ----- reads -----

    function resolve(bytes16 id) external view returns (DidDocument memory) {
        DidDocument storage doc = documents[id];
        if (doc.created == 0) revert UnknownDid(id);
        return doc;
    }

    function didCount() external view returns (uint256) {
        return ids.length;
    }

    /// @notice Registered ids in registration order, from `offset`, at most `limit`.
    function didPage(uint256 offset, uint256 limit) external view returns (bytes16[] memory page) {
        uint256 end = offset + limit > ids.length ? ids.length : offset + limit;
        page = new bytes16[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; i++) {
            page[i - offset] = ids[i];
        }
    }

    /**
     * @notice Whether `account` is a secp256k1 key of active DID `id` holding `relationship` at `time`.
     */
    function isValidKey(bytes16 id, address account, uint8 relationship, uint64 time) public view returns (bool) {
        DidDocument storage doc = documents[id];
        if (doc.created == 0 || doc.deactivated || account == address(0)) return false;
        for (uint256 i = 0; i < doc.methods.length; i++) {
            VerificationMethod storage method = doc.methods[i];
            if (method.account == account && method.relationships & relationship != 0 && _validAt(method, time)) {
                return true;
            }
        }
        return false;
    }

    /// @notice The DID string of `id`: `did:<methodName>:z` + base58btc(0x01 || id).
    function didOf(bytes16 id) external view returns (string memory) {
        return string.concat("did:", methodName, ":z", _base58(uint256(uint128(id)) | (1 << 128)));
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ----- internals -----

    function _authorise(
        bytes16 id,
        bytes16 signerDid,
        Action action,
        bytes32 payload,
        uint256 deadline,
        bytes calldata signature,
        uint8 relationship
    ) private returns (DidDocument storage doc) {
        doc = documents[id];
        if (doc.created == 0) revert UnknownDid(id);
        if (doc.deactivated) revert DidIsDeactivated(id);
        if (signerDid != id && !_isController(doc, signerDid)) revert NotAController(signerDid);
        address signer = _signer(id, signerDid, action, payload, doc.nonce, deadline, signature);
        if (!isValidKey(signerDid, signer, relationship, uint64(block.timestamp))) revert Unauthorised(signer);
        doc.nonce += 1;
        doc.updated = uint64(block.timestamp);
    }

    function _signer(
        bytes16 id,
        bytes16 signerDid,
        Action action,
        bytes32 payload,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) private view returns (address) {
        if (block.timestamp > deadline) revert Expired();
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(DID_CHANGE_TYPEHASH, id, signerDid, uint8(action), payload, nonce, deadline))
        );
        (address signer, ECDSA.RecoverError recoverError,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (recoverError != ECDSA.RecoverError.NoError) revert InvalidSignature();
        return signer;
    }

    function _secp256k1Account(bytes calldata publicKey) private pure returns (address) {
        if (publicKey.length != 64) revert InvalidPublicKey();
        return address(uint160(uint256(keccak256(publicKey))));
    }

    function _isController(DidDocument storage doc, bytes16 candidate) private view returns (bool) {
        for (uint256 i = 0; i < doc.controllers.length; i++) {
            if (doc.controllers[i] == candidate) return true;
        }
        return false;
    }

    function _hasValidKey(DidDocument storage doc, uint8 relationship, uint64 time) private view returns (bool) {
        for (uint256 i = 0; i < doc.methods.length; i++) {
            VerificationMethod storage method = doc.methods[i];
            if (method.account != address(0) && method.relationships & relationship != 0 && _validAt(method, time)) {
                return true;
            }
        }
        return false;
    }

    function _validAt(VerificationMethod storage method, uint64 time) private view returns (bool) {
        return method.validFrom <= time && (method.validUntil == 0 || time < method.validUntil);
    }

    function _base58(uint256 value) private pure returns (string memory) {
        bytes memory alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        bytes memory reversed = new bytes(32);
        uint256 length = 0;
        while (value > 0) {
            reversed[length++] = alphabet[value % 58];
            value /= 58;
        }
        bytes memory out = new bytes(length);
        for (uint256 i = 0; i < length; i++) {
            out[i] = reversed[length - 1 - i];
        }
        return string(out);
    }
}
