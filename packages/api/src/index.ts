export { type ApiApp, type BuildOptions, buildApp } from './app.js';
export {
  type ApiConfig,
  ConfigError,
  configFromEnv,
  defaultLimits,
  EnvSchema,
  type Limits,
  parseEnv,
  withoutApiSettings,
} from './config.js';
export { type Db, migrate, openDatabase } from './db/database.js';
export { type RunningApi, startServer } from './server.js';
export { DEMO } from './services/demo.js';
