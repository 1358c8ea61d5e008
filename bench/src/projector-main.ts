/**
 * Entry of the benchmark's separate projector process (`node bench/run.js projector-main`, forked
 * by `startProjectorProcess` with `--projector separate`): the real `apps/registration-projector`
 * (its `main` runs on import), configured from the environment like the service (the stores of the
 * HTTP phase; `REGISTRY_*` variables). It stops on SIGTERM after the batch in progress.
 */
import '../../apps/registration-projector/src/main';
