export { type ApiApp, type BuildOptions, buildApp } from './app.js';
export { MIN_LENGTH as MIN_PASSWORD_LENGTH, PASSWORD_RULES } from './auth/password-policy.js';
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
export {
  type CentralAuthoritySetup,
  DEFAULT_CA_NAME,
  initCentralAuthority,
  setUpCentralAuthority,
} from './services/central-authority.js';
export { DEMO } from './services/demo.js';
