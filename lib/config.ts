/** Configuration: what to poll (feeds.opml), what to publish (topics.yaml), and how to run (environment). */
export { type ConfigError, type ConfigProblem, formatConfigError } from './config/config-error.ts';
export { feedIdOf, parseFeedsOpml } from './config/feeds-opml.ts';
export { loadSettings, type Settings } from './config/settings.ts';
export { parseTopicsFile } from './config/topics-file.ts';
export { parseTopicsYaml, TOPIC_DEFAULTS } from './config/topics-yaml.ts';
