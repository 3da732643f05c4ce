package dev.backstep.view.timeline;

import dev.backstep.model.Snapshot;

import java.util.Arrays;

/**
 * The stops of the timeline for one snapshot: every kept moment, oldest first, then "now" when the present is not
 * itself the newest kept moment (while training runs, moments are kept at most 50 times a second). Shared by the
 * slider and the Ctrl+← / Ctrl+→ keys so both count the same way.
 *
 * @param epochs  the epoch of each stop; the last is the present's
 * @param current the stop on screen
 */
public record TimelinePositions(long[] epochs, int current) {
    /** The stops of a snapshot (while a past moment is shown, the present's epoch is its count of losses). */
    public static TimelinePositions of(Snapshot s) {
        long[] moments = s.history().moments();
        long present = s.trainLossCount();
        boolean presentKept = moments.length > 0 && moments[moments.length - 1] == present;
        long[] epochs = Arrays.copyOf(moments, moments.length + (presentKept ? 0 : 1));
        epochs[epochs.length - 1] = present;
        int current = s.history().viewingPast() ? s.history().viewing() : epochs.length - 1;
        return new TimelinePositions(epochs, current);
    }

    public int count() {
        return epochs.length;
    }

    /** True when {@code position} is the present rather than a kept moment to view. */
    public boolean isNow(int position) {
        return position >= epochs.length - 1;
    }

    /** The stop {@code direction} stops from the current one, kept within the timeline. */
    public int step(int direction) {
        return Math.max(0, Math.min(epochs.length - 1, current + direction));
    }
}
