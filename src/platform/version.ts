// The running Piket version, from package.json (inlined at build time).
import { version } from '../../package.json';

export const PIKET_VERSION: string = version;
