package dev.backstep.model;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Trainer;
import dev.backstep.io.DataSpec;
import dev.backstep.io.InlineData;
import dev.backstep.io.NetworkDefinition;

/** Builds the definition to save from the state of a session: current parameters and the (edited) data. */
final class Definitions {
    private Definitions() {
    }

    static NetworkDefinition withCurrentState(NetworkDefinition definition, Trainer trainer) {
        NetworkDefinition withParameters = definition.withParameters(trainer.network());
        if (!(definition.data() instanceof InlineData)) {
            return withParameters;
        }
        Dataset train = trainer.trainingData();
        Dataset test = trainer.testData();
        DataSpec data = new InlineData(train.inputs().toArray(), train.targets().toArray(),
                test == null ? null : test.inputs().toArray(), test == null ? null : test.targets().toArray());
        return withParameters.withData(data, train.copy(), test == null ? null : test.copy());
    }
}
