package dev.backstep.model;

import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.trace.TermStepper;

/**
 * What the training thread had before an edit replaced its network or data, kept whole for Undo: the trainer itself
 * (no longer touched once replaced, so going back to it is exact), its term stepper and its logs. The history of
 * moments is cut to its first and newest moment to keep twenty of these small.
 *
 * @param edit  what the edit did, for the message after undoing it ("added a point at …")
 * @param saves how many times the session had been saved when this was kept (a save since makes it unsaved)
 */
record EditState(String edit, NetworkDefinition definition, Trainer trainer, TermStepper stepper,
                 LossLog trainLog, LossLog testLog, LossLog[] normLogs, ParameterHistory history, boolean dirty,
                 long saves) {
}
