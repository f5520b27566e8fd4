export { startServer, VERSION, type RunningServer } from './create-server';
export { loadEnv, serverEnvSchema, type ServerEnv } from './env';
