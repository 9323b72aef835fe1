// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {DidRegistry} from "./DidRegistry.sol";
import {TrustedIssuersRegistry} from "./TrustedIssuersRegistry.sol";

/**
 * @title TrustedSchemasRegistry
 * @notice Credential schemas by id (the sha-256 of the schema document, as EBSI's Trusted Schemas
 * Registry), with the URI it is published at. Registered and revoked by trust anchors (a RootTAO
 * or a TAO in force in the TrustedIssuersRegistry), each change signed with one of the anchor's
 * capabilityInvocation keys (EIP-712). A revoked schema stays readable with its revocation time.
 */
contract TrustedSchemasRegistry is EIP712 {
    struct Schema {
        bytes32 id;
        string uri;
        bytes16 registrant;
        uint64 registeredAt;
        uint64 revokedAt;
    }

    bytes32 public constant REGISTER_TYPEHASH =
        keccak256("RegisterSchema(bytes32 schema,bytes32 uri,bytes16 registrant,uint256 nonce,uint256 deadline)");
    bytes32 public constant REVOKE_TYPEHASH =
        keccak256("RevokeSchema(bytes32 schema,bytes16 revoker,uint256 nonce,uint256 deadline)");

    TrustedIssuersRegistry public immutable issuers;
    DidRegistry public immutable dids;

    mapping(bytes32 => Schema) private schemas;
    bytes32[] private schemaIds;
    mapping(bytes16 => uint256) public nonces;

    event SchemaRegistered(bytes32 indexed id, bytes16 registrant);
    event SchemaRevoked(bytes32 indexed id, bytes16 revoker);

    error InvalidSchema();
    error SchemaExists(bytes32 id);
    error UnknownSchema(bytes32 id);
    error AlreadyRevoked(bytes32 id);
    error NotATrustAnchor(bytes16 did);
    error NotTheRegistrant(bytes16 revoker);
    error Expired();
    error InvalidSignature();
    error Unauthorised(address signer);

    constructor(TrustedIssuersRegistry issuers_) EIP712("Strata Trusted Schemas Registry", "1") {
        issuers = issuers_;
        dids = issuers_.dids();
    }

    function register(bytes32 id, string calldata uri, bytes16 registrant, uint256 deadline, bytes calldata signature)
        external
    {
        if (id == bytes32(0) || bytes(uri).length == 0 || bytes(uri).length > 2048) revert InvalidSchema();
        if (schemas[id].registeredAt != 0) revert SchemaExists(id);
        if (!_isTrustAnchor(registrant)) revert NotATrustAnchor(registrant);
        bytes32 structHash =
            keccak256(abi.encode(REGISTER_TYPEHASH, id, keccak256(bytes(uri)), registrant, nonces[registrant], deadline));
        _authorise(registrant, structHash, deadline, signature);
        schemas[id] = Schema(id, uri, registrant, uint64(block.timestamp), 0);
        schemaIds.push(id);
        emit SchemaRegistered(id, registrant);
    }

    function revoke(bytes32 id, bytes16 revoker, uint256 deadline, bytes calldata signature) external {
        Schema storage entry = schemas[id];
        if (entry.registeredAt == 0) revert UnknownSchema(id);
        if (entry.revokedAt != 0) revert AlreadyRevoked(id);
        if (revoker != entry.registrant && revoker != issuers.rootTao()) revert NotTheRegistrant(revoker);
        bytes32 structHash = keccak256(abi.encode(REVOKE_TYPEHASH, id, revoker, nonces[revoker], deadline));
        _authorise(revoker, structHash, deadline, signature);
        entry.revokedAt = uint64(block.timestamp);
        emit SchemaRevoked(id, revoker);
    }

    function schema(bytes32 id) external view returns (Schema memory) {
        if (schemas[id].registeredAt == 0) revert UnknownSchema(id);
        return schemas[id];
    }

    function schemaCount() external view returns (uint256) {
        return schemaIds.length;
    }

    function schemaPage(uint256 offset, uint256 limit) external view returns (bytes32[] memory page) {
        uint256 end = offset + limit > schemaIds.length ? schemaIds.length : offset + limit;
        page = new bytes32[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; i++) {
            page[i - offset] = schemaIds[i];
        }
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _isTrustAnchor(bytes16 did) private view returns (bool) {
        if (did == issuers.rootTao()) return true;
        bytes32 subject = keccak256(bytes(dids.didOf(did)));
        uint256[] memory own = issuers.attributesOf(subject);
        for (uint256 i = 0; i < own.length; i++) {
            TrustedIssuersRegistry.Accreditation memory accreditation = issuers.attribute(own[i]);
            if (accreditation.role == TrustedIssuersRegistry.Role.TAO && issuers.inForce(own[i], bytes32(0))) {
                return true;
            }
        }
        return false;
    }

    function _authorise(bytes16 did, bytes32 structHash, uint256 deadline, bytes calldata signature) private {
        if (block.timestamp > deadline) revert Expired();
        (address signer, ECDSA.RecoverError recoverError,) =
            ECDSA.tryRecoverCalldata(_hashTypedDataV4(structHash), signature);
        if (recoverError != ECDSA.RecoverError.NoError) revert InvalidSignature();
        if (!dids.isValidKey(did, signer, dids.CAPABILITY_INVOCATION(), uint64(block.timestamp))) {
            revert Unauthorised(signer);
        }
        nonces[did] += 1;
    }
}
