// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {DidRegistry} from "./DidRegistry.sol";

/**
 * @title TrustedIssuersRegistry
 * @notice A trust chain shaped like EBSI's TIR: one root trust anchor (RootTAO, fixed at
 * deployment) accredits trusted accreditation organisations (TAO), which accredit trusted issuers
 * (TI) — each accreditation (an "attribute" of the issuer) limited to credential schema ids.
 * An accreditor may only grant schemas it is itself accredited for (the RootTAO for any).
 * Accreditations are revoked, never deleted; an accreditation is in force only while every
 * accreditation above it in the chain is. Accreditors (RootTAO, TAO) are on-chain DIDs of the
 * DidRegistry and authorise each change with an EIP-712 signature of one of their
 * capabilityInvocation keys; accredited issuers may be any DID (keyed by keccak256 of the DID).
 */
contract TrustedIssuersRegistry is EIP712 {
    uint256 public constant MAX_SCHEMAS = 32;
    uint256 public constant MAX_CHAIN_DEPTH = 8;

    enum Role {
        None,
        RootTAO,
        TAO,
        TI
    }

    struct Accreditation {
        bytes32 subject;
        Role role;
        bytes16 accreditor;
        bytes32 accreditorSubject;
        bytes32[] schemas;
        uint64 validFrom;
        uint64 revokedAt;
    }

    bytes32 public constant ACCREDIT_TYPEHASH = keccak256(
        "Accredit(bytes32 subject,uint8 role,bytes32 schemas,bytes16 accreditor,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant REVOKE_TYPEHASH =
        keccak256("RevokeAccreditation(uint256 attributeId,bytes16 revoker,uint256 nonce,uint256 deadline)");

    DidRegistry public immutable dids;
    bytes16 public immutable rootTao;
    bytes32 public immutable rootSubject;

    Accreditation[] private accreditations;
    mapping(bytes32 => uint256[]) private attributeIds;
    mapping(bytes32 => string) private didOfSubject;
    bytes32[] private subjects;
    /// @notice Next nonce of each accreditor's signed changes.
    mapping(bytes16 => uint256) public nonces;

    event Accredited(uint256 indexed attributeId, bytes32 indexed subject, Role role, bytes16 accreditor);
    event AccreditationRevoked(uint256 indexed attributeId, bytes32 indexed subject, bytes16 revoker);

    error InvalidRole();
    error InvalidSchemas();
    error SubjectMismatch();
    error AccreditorNotInForce(bytes16 accreditor);
    error SchemaNotGrantable(bytes32 schema);
    error UnknownAttribute(uint256 attributeId);
    error AlreadyRevoked(uint256 attributeId);
    error NotTheAccreditor(bytes16 revoker);
    error Expired();
    error InvalidSignature();
    error Unauthorised(address signer);

    constructor(DidRegistry dids_, bytes16 rootTao_) EIP712("Strata Trusted Issuers Registry", "1") {
        dids = dids_;
        rootTao = rootTao_;
        string memory rootDid = dids_.didOf(rootTao_);
        rootSubject = keccak256(bytes(rootDid));
        _record(rootSubject, rootDid, Role.RootTAO, rootTao_, rootSubject, new bytes32[](0));
    }

    /**
     * @notice Accredits `subjectDid` as TAO or TI for `schemas`, signed by `accreditor`. A TAO must
     * be an on-chain DID (`subjectId`, whose DID string `subjectDid` must be).
     */
    function accredit(
        string calldata subjectDid,
        bytes16 subjectId,
        Role role,
        bytes32[] calldata schemas,
        bytes16 accreditor,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 attributeId) {
        if (role != Role.TAO && role != Role.TI) revert InvalidRole();
        if (schemas.length == 0 || schemas.length > MAX_SCHEMAS) revert InvalidSchemas();
        bytes32 subject = keccak256(bytes(subjectDid));
        if (role == Role.TAO && (subjectId == bytes16(0) || keccak256(bytes(dids.didOf(subjectId))) != subject)) {
            revert SubjectMismatch();
        }
        bytes32 accreditorSubject = keccak256(bytes(dids.didOf(accreditor)));
        if (!_isAccreditor(accreditorSubject, bytes32(0), 0)) revert AccreditorNotInForce(accreditor);
        for (uint256 i = 0; i < schemas.length; i++) {
            if (schemas[i] == bytes32(0)) revert InvalidSchemas();
            if (!_isAccreditor(accreditorSubject, schemas[i], 0)) revert SchemaNotGrantable(schemas[i]);
        }
        bytes32 structHash = keccak256(
            abi.encode(
                ACCREDIT_TYPEHASH,
                subject,
                uint8(role),
                keccak256(abi.encodePacked(schemas)),
                accreditor,
                nonces[accreditor],
                deadline
            )
        );
        _authorise(accreditor, structHash, deadline, signature);
        return _record(subject, subjectDid, role, accreditor, accreditorSubject, schemas);
    }

    /// @notice Revokes an accreditation; signed by its accreditor or by the RootTAO.
    function revoke(uint256 attributeId, bytes16 revoker, uint256 deadline, bytes calldata signature) external {
        if (attributeId >= accreditations.length) revert UnknownAttribute(attributeId);
        Accreditation storage accreditation = accreditations[attributeId];
        if (accreditation.revokedAt != 0) revert AlreadyRevoked(attributeId);
        if (accreditation.role == Role.RootTAO) revert InvalidRole();
        if (revoker != accreditation.accreditor && revoker != rootTao) revert NotTheAccreditor(revoker);
        bytes32 structHash = keccak256(abi.encode(REVOKE_TYPEHASH, attributeId, revoker, nonces[revoker], deadline));
        _authorise(revoker, structHash, deadline, signature);
        accreditation.revokedAt = uint64(block.timestamp);
        emit AccreditationRevoked(attributeId, accreditation.subject, revoker);
    }

    // ----- reads -----

    /**
     * @notice Whether the DID with hash `subject` holds an accreditation in force for `schema`
     * (any schema when `schema` is zero), and the first such attribute.
     */
    function isAccredited(bytes32 subject, bytes32 schema) public view returns (bool, uint256) {
        uint256[] storage own = attributeIds[subject];
        for (uint256 i = 0; i < own.length; i++) {
            if (_inForce(own[i], schema, 0)) return (true, own[i]);
        }
        return (false, 0);
    }

    function attribute(uint256 attributeId) external view returns (Accreditation memory) {
        if (attributeId >= accreditations.length) revert UnknownAttribute(attributeId);
        return accreditations[attributeId];
    }

    /// @notice Whether attribute `attributeId` and the whole chain above it are in force for `schema`.
    function inForce(uint256 attributeId, bytes32 schema) external view returns (bool) {
        if (attributeId >= accreditations.length) revert UnknownAttribute(attributeId);
        return _inForce(attributeId, schema, 0);
    }

    function attributesOf(bytes32 subject) external view returns (uint256[] memory) {
        return attributeIds[subject];
    }

    function issuerCount() external view returns (uint256) {
        return subjects.length;
    }

    /// @notice DIDs with at least one accreditation, in order of their first, from `offset`.
    function issuerPage(uint256 offset, uint256 limit) external view returns (string[] memory page) {
        uint256 end = offset + limit > subjects.length ? subjects.length : offset + limit;
        page = new string[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; i++) {
            page[i - offset] = didOfSubject[subjects[i]];
        }
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ----- internals -----

    function _record(
        bytes32 subject,
        string memory subjectDid,
        Role role,
        bytes16 accreditor,
        bytes32 accreditorSubject,
        bytes32[] memory schemas
    ) private returns (uint256 attributeId) {
        attributeId = accreditations.length;
        accreditations.push(
            Accreditation(subject, role, accreditor, accreditorSubject, schemas, uint64(block.timestamp), 0)
        );
        if (attributeIds[subject].length == 0) {
            subjects.push(subject);
            didOfSubject[subject] = subjectDid;
        }
        attributeIds[subject].push(attributeId);
        emit Accredited(attributeId, subject, role, accreditor);
    }

    function _authorise(bytes16 accreditor, bytes32 structHash, uint256 deadline, bytes calldata signature) private {
        if (block.timestamp > deadline) revert Expired();
        (address signer, ECDSA.RecoverError recoverError,) =
            ECDSA.tryRecoverCalldata(_hashTypedDataV4(structHash), signature);
        if (recoverError != ECDSA.RecoverError.NoError) revert InvalidSignature();
        if (!dids.isValidKey(accreditor, signer, dids.CAPABILITY_INVOCATION(), uint64(block.timestamp))) {
            revert Unauthorised(signer);
        }
        nonces[accreditor] += 1;
    }

    /// @dev Whether `subject` holds a RootTAO or TAO accreditation in force for `schema`.
    function _isAccreditor(bytes32 subject, bytes32 schema, uint256 depth) private view returns (bool) {
        uint256[] storage own = attributeIds[subject];
        for (uint256 i = 0; i < own.length; i++) {
            Role role = accreditations[own[i]].role;
            if ((role == Role.RootTAO || role == Role.TAO) && _inForce(own[i], schema, depth)) return true;
        }
        return false;
    }

    function _inForce(uint256 attributeId, bytes32 schema, uint256 depth) private view returns (bool) {
        Accreditation storage accreditation = accreditations[attributeId];
        if (accreditation.revokedAt != 0) return false;
        if (accreditation.role == Role.RootTAO) return accreditation.subject == rootSubject;
        if (depth >= MAX_CHAIN_DEPTH) return false;
        if (schema != bytes32(0) && !_covers(accreditation.schemas, schema)) return false;
        return _isAccreditor(accreditation.accreditorSubject, schema, depth + 1);
    }

    function _covers(bytes32[] storage schemas, bytes32 schema) private view returns (bool) {
        for (uint256 i = 0; i < schemas.length; i++) {
            if (schemas[i] == schema) return true;
        }
        return false;
    }
}
