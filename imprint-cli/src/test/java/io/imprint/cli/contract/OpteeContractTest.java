package io.imprint.cli.contract;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.backend.OpteeLine;
import java.nio.file.Path;

/**
 * The backend contract on {@code --backend optee} (method caam-mp): the real OP-TEE binding (FFM over
 * libteec) loaded from Imprint's libteec test double, an emulation of OP-TEE's MP and OCOTP PTAs built
 * with gcc; the units sign over OP-TEE's MPMR fill, which the line's policy accepts.
 */
class OpteeContractTest extends DeviceBackendContract {
    @Override
    protected DeviceLine line(Path dir) {
        return OpteeLine.create(dir);
    }
}
