// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IOperationalAccounts
 * @notice What other contracts may ask an organisation's master account about its operational
 * (hot signing) accounts.
 */
interface IOperationalAccounts {
    /// None: never seen; Authorised: may act for the organisation; Frozen: suspended, may be
    /// authorised again or replaced; Retired: replaced for good.
    enum AccountStatus {
        None,
        Authorised,
        Frozen,
        Retired
    }

    function organisation() external view returns (bytes32);

    function isAuthorised(address account) external view returns (bool);
}
