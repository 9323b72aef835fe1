// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IOperationalAccounts} from "./IOperationalAccounts.sol";

/**
 * @title OrganisationMasterAccount
 * @notice The master account of one organisation: an M-of-N multisig of its institution-admins
 * (the owners) that authorises, freezes and replaces the organisation's operational (hot signing)
 * accounts, and changes its own owners and threshold. Owners sign EIP-712 typed actions off
 * chain; anyone (in practice the platform's transaction manager) submits an action with at least
 * `threshold` owner signatures, sorted by strictly increasing signer address. Each action carries
 * a single-use nonce (unordered, so several actions can be collected at once) and a deadline.
 * The platform operator has no power here: losing a hot key is recovered by the owners.
 */
contract OrganisationMasterAccount is EIP712, IOperationalAccounts {
    uint256 public constant MAX_OWNERS = 32;

    bytes32 public constant AUTHORISE_ACCOUNT_TYPEHASH =
        keccak256("AuthoriseAccount(address account,uint256 nonce,uint256 deadline)");
    bytes32 public constant FREEZE_ACCOUNT_TYPEHASH =
        keccak256("FreezeAccount(address account,uint256 nonce,uint256 deadline)");
    bytes32 public constant REPLACE_ACCOUNT_TYPEHASH =
        keccak256("ReplaceAccount(address account,address replacement,uint256 nonce,uint256 deadline)");
    bytes32 public constant CHANGE_OWNERS_TYPEHASH =
        keccak256("ChangeOwners(address[] owners,uint256 threshold,uint256 nonce,uint256 deadline)");

    /// @notice The platform's id of the organisation this master account belongs to.
    bytes32 public immutable organisation;

    address[] private _owners;
    mapping(address => bool) private _isOwner;
    uint256 private _threshold;
    mapping(address => AccountStatus) private _status;
    mapping(uint256 => bool) private _nonceUsed;

    event OwnersChanged(address[] owners, uint256 threshold, uint256 indexed nonce);
    event AccountAuthorised(address indexed account, uint256 indexed nonce);
    event AccountFrozen(address indexed account, uint256 indexed nonce);
    event AccountReplaced(address indexed account, address indexed replacement, uint256 indexed nonce);

    error InvalidOwners();
    error InvalidThreshold(uint256 threshold, uint256 owners);
    error ActionExpired(uint256 deadline);
    error NonceAlreadyUsed(uint256 nonce);
    error NotEnoughSignatures(uint256 given, uint256 threshold);
    error InvalidSignature(uint256 index);
    error SignerNotOwner(address signer);
    error SignersNotSorted(address signer);
    error InvalidAccount(address account);
    error UnexpectedAccountStatus(address account, AccountStatus status);

    constructor(bytes32 organisation_, address[] memory owners_, uint256 threshold_)
        EIP712("Strata Master Account", "1")
    {
        organisation = organisation_;
        _setOwners(owners_, threshold_, 0);
    }

    // ---- views ----

    function owners() external view returns (address[] memory) {
        return _owners;
    }

    function threshold() external view returns (uint256) {
        return _threshold;
    }

    function isOwner(address candidate) external view returns (bool) {
        return _isOwner[candidate];
    }

    function nonceUsed(uint256 nonce) external view returns (bool) {
        return _nonceUsed[nonce];
    }

    function accountStatus(address account) external view returns (AccountStatus) {
        return _status[account];
    }

    function isAuthorised(address account) external view returns (bool) {
        return _status[account] == AccountStatus.Authorised;
    }

    // ---- multisig actions ----

    /// @notice Authorises a new operational account, or lifts the freeze of a frozen one.
    function authoriseAccount(address account, uint256 nonce, uint256 deadline, bytes[] calldata signatures)
        external
    {
        _verify(keccak256(abi.encode(AUTHORISE_ACCOUNT_TYPEHASH, account, nonce, deadline)), nonce, deadline, signatures);
        if (account == address(0) || _isOwner[account]) revert InvalidAccount(account);
        AccountStatus status = _status[account];
        if (status != AccountStatus.None && status != AccountStatus.Frozen) {
            revert UnexpectedAccountStatus(account, status);
        }
        _status[account] = AccountStatus.Authorised;
        emit AccountAuthorised(account, nonce);
    }

    /// @notice Freezes an authorised operational account (e.g. its key may be compromised).
    function freezeAccount(address account, uint256 nonce, uint256 deadline, bytes[] calldata signatures) external {
        _verify(keccak256(abi.encode(FREEZE_ACCOUNT_TYPEHASH, account, nonce, deadline)), nonce, deadline, signatures);
        AccountStatus status = _status[account];
        if (status != AccountStatus.Authorised) revert UnexpectedAccountStatus(account, status);
        _status[account] = AccountStatus.Frozen;
        emit AccountFrozen(account, nonce);
    }

    /// @notice Retires an authorised or frozen account for good and authorises its replacement.
    function replaceAccount(
        address account,
        address replacement,
        uint256 nonce,
        uint256 deadline,
        bytes[] calldata signatures
    ) external {
        _verify(
            keccak256(abi.encode(REPLACE_ACCOUNT_TYPEHASH, account, replacement, nonce, deadline)),
            nonce,
            deadline,
            signatures
        );
        AccountStatus status = _status[account];
        if (status != AccountStatus.Authorised && status != AccountStatus.Frozen) {
            revert UnexpectedAccountStatus(account, status);
        }
        if (replacement == address(0) || _isOwner[replacement]) revert InvalidAccount(replacement);
        if (_status[replacement] != AccountStatus.None) {
            revert UnexpectedAccountStatus(replacement, _status[replacement]);
        }
        _status[account] = AccountStatus.Retired;
        _status[replacement] = AccountStatus.Authorised;
        emit AccountReplaced(account, replacement, nonce);
    }

    /// @notice Replaces the owner set and threshold; needs the current threshold of current owners.
    function changeOwners(
        address[] calldata newOwners,
        uint256 newThreshold,
        uint256 nonce,
        uint256 deadline,
        bytes[] calldata signatures
    ) external {
        bytes32 ownersHash = keccak256(abi.encodePacked(newOwners));
        _verify(
            keccak256(abi.encode(CHANGE_OWNERS_TYPEHASH, ownersHash, newThreshold, nonce, deadline)),
            nonce,
            deadline,
            signatures
        );
        for (uint256 i = 0; i < _owners.length; i++) {
            _isOwner[_owners[i]] = false;
        }
        _setOwners(newOwners, newThreshold, nonce);
    }

    // ---- internals ----

    function _setOwners(address[] memory newOwners, uint256 newThreshold, uint256 nonce) private {
        if (newOwners.length == 0 || newOwners.length > MAX_OWNERS) revert InvalidOwners();
        if (newThreshold == 0 || newThreshold > newOwners.length) {
            revert InvalidThreshold(newThreshold, newOwners.length);
        }
        for (uint256 i = 0; i < newOwners.length; i++) {
            address owner = newOwners[i];
            if (owner == address(0) || _isOwner[owner] || _status[owner] != AccountStatus.None) {
                revert InvalidOwners();
            }
            _isOwner[owner] = true;
        }
        _owners = newOwners;
        _threshold = newThreshold;
        emit OwnersChanged(newOwners, newThreshold, nonce);
    }

    /// Checks deadline, nonce and `threshold` distinct owner signatures over the typed action,
    /// then consumes the nonce (before any state change, so a failing action leaves no trace).
    function _verify(bytes32 structHash, uint256 nonce, uint256 deadline, bytes[] calldata signatures) private {
        if (block.timestamp > deadline) revert ActionExpired(deadline);
        if (_nonceUsed[nonce]) revert NonceAlreadyUsed(nonce);
        if (signatures.length < _threshold) revert NotEnoughSignatures(signatures.length, _threshold);
        bytes32 digest = _hashTypedDataV4(structHash);
        address previous = address(0);
        for (uint256 i = 0; i < signatures.length; i++) {
            (address signer, ECDSA.RecoverError recoverError,) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (recoverError != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
            if (signer <= previous) revert SignersNotSorted(signer);
            if (!_isOwner[signer]) revert SignerNotOwner(signer);
            previous = signer;
        }
        _nonceUsed[nonce] = true;
    }
}
