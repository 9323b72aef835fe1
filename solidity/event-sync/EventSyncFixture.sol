// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title EventSyncFixture
 * @notice Test contract of the ledger's event sync: emits many numbered events in one call so
 * tests can check that every one reaches Kafka exactly once and in order per key.
 */
contract EventSyncFixture {
    uint256 public emitted;

    event Ticked(uint256 indexed seq, address indexed sender, uint256 value);
    event Tocked(uint256 indexed seq, string note);

    /// Emits `count` events, alternating Ticked (even) and Tocked (odd), numbered from `emitted`.
    function emitMany(uint256 count) external {
        uint256 seq = emitted;
        for (uint256 i = 0; i < count; i++) {
            if (seq % 2 == 0) {
                emit Ticked(seq, msg.sender, seq * 7);
            } else {
                emit Tocked(seq, "tock");
            }
            seq++;
        }
        emitted = seq;
    }
}
