export { createEnv, EnvError, booleanFromEnv, portFromEnv } from './create-env';
