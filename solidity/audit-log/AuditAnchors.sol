// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title AuditAnchors
 * @notice Merkle roots of Strata's hash-chained audit log, anchored by the platform. Each anchor
 * covers the entries `firstSequence..lastSequence`; anchors are contiguous (each starts right
 * after the previous one; the first may start anywhere, as a new contract can take over from an
 * earlier one) so the log on chain has no gap and no overlap. Anyone can read an
 * anchor by its root and check an exported log against it without trusting the platform.
 */
contract AuditAnchors {
    struct Anchor {
        uint64 firstSequence;
        uint64 lastSequence;
        uint64 blockNumber;
    }

    /// The only account that may anchor (the platform's signing account that deployed it).
    address public immutable anchorer;
    /// The sequence the next anchor must start at (once there is one).
    uint64 public nextSequence;
    /// Number of anchors so far.
    uint256 public anchorCount;

    mapping(bytes32 => Anchor) private anchors;

    event Anchored(
        uint256 indexed index,
        bytes32 indexed root,
        uint64 firstSequence,
        uint64 lastSequence
    );

    error NotAnchorer(address caller);
    error NotContiguous(uint64 expectedFirst, uint64 givenFirst);
    error EmptyRange(uint64 firstSequence, uint64 lastSequence);
    error RootAlreadyAnchored(bytes32 root);

    constructor() {
        anchorer = msg.sender;
    }

    /// Records `root` as the Merkle root of entries `firstSequence..lastSequence`.
    function anchor(bytes32 root, uint64 firstSequence, uint64 lastSequence) external {
        if (msg.sender != anchorer) revert NotAnchorer(msg.sender);
        if (anchorCount != 0 && firstSequence != nextSequence)
            revert NotContiguous(nextSequence, firstSequence);
        if (firstSequence == 0 || lastSequence < firstSequence)
            revert EmptyRange(firstSequence, lastSequence);
        if (anchors[root].lastSequence != 0) revert RootAlreadyAnchored(root);
        anchors[root] = Anchor(firstSequence, lastSequence, uint64(block.number));
        nextSequence = lastSequence + 1;
        emit Anchored(anchorCount, root, firstSequence, lastSequence);
        anchorCount += 1;
    }

    /// The range and block of an anchored root; all zero when `root` was never anchored.
    function anchorOf(
        bytes32 root
    ) external view returns (uint64 firstSequence, uint64 lastSequence, uint64 blockNumber) {
        Anchor memory found = anchors[root];
        return (found.firstSequence, found.lastSequence, found.blockNumber);
    }
}
