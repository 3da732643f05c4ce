package dev.backstep.model;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last few states before an edit, newest on top; when full, the oldest is forgotten. */
final class UndoStack<T> {
    private final Deque<T> states = new ArrayDeque<>();
    private final int capacity;

    UndoStack(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    void push(T state) {
        states.push(state);
        while (states.size() > capacity) {
            states.removeLast();
        }
    }

    /** The newest state, removed; null when there is none. */
    T pop() {
        return states.poll();
    }

    int size() {
        return states.size();
    }

    void clear() {
        states.clear();
    }
}
