// Public face of the configuration module (CLI and language server).
export { parseConfig, checkOptionsOf, ConfigError, type BreakwaterConfig, type AcceptedChange } from './config';
export { CONFIG_NAMES, findConfigFile, loadConfigFile, configForSpec, findWorkTreeRoot } from './findConfig';
