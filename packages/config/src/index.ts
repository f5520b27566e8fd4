export { createEnv, EnvError, booleanFromEnv, listFromEnv, portFromEnv } from './create-env';
export { showValue } from './show-value';
