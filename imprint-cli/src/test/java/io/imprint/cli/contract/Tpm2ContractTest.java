package io.imprint.cli.contract;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.backend.Tpm2Line;
import java.nio.file.Path;

/**
 * The backend contract on TPM 2.0 devices ({@code --backend tpm2}, method tpm2): each device a
 * swtpm (an EMULATED TPM, not silicon) with an EK certificate from the test's own vendor CA.
 */
class Tpm2ContractTest extends DeviceBackendContract {
    @Override
    protected DeviceLine line(Path dir) throws Exception {
        return new Tpm2Line(dir);
    }
}
