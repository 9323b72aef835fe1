// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IOperationalAccounts} from "./IOperationalAccounts.sol";

/**
 * @title OperationalAccountRegistry
 * @notice One per network: maps an organisation id to its master account so that any contract
 * can ask `isAuthorised(organisation, account)`. The registrar (the platform) binds an
 * organisation to its master account once; a binding can never be changed or removed, so the
 * registrar cannot take over an organisation's operational accounts.
 */
contract OperationalAccountRegistry is Ownable {
    mapping(bytes32 => address) private _masterOf;

    event MasterAccountRegistered(bytes32 indexed organisation, address indexed masterAccount);

    error AlreadyRegistered(bytes32 organisation, address masterAccount);
    error OrganisationMismatch(bytes32 organisation, address masterAccount);

    constructor(address registrar) Ownable(registrar) {}

    function register(bytes32 organisation, address masterAccount) external onlyOwner {
        address known = _masterOf[organisation];
        if (known != address(0)) revert AlreadyRegistered(organisation, known);
        if (masterAccount.code.length == 0 || IOperationalAccounts(masterAccount).organisation() != organisation) {
            revert OrganisationMismatch(organisation, masterAccount);
        }
        _masterOf[organisation] = masterAccount;
        emit MasterAccountRegistered(organisation, masterAccount);
    }

    function masterAccountOf(bytes32 organisation) external view returns (address) {
        return _masterOf[organisation];
    }

    function isAuthorised(bytes32 organisation, address account) external view returns (bool) {
        address master = _masterOf[organisation];
        return master != address(0) && IOperationalAccounts(master).isAuthorised(account);
    }
}
