/** Every jest process judges as the CLI's processes do: regexes compiled natively on first use (src/native-regexps.ts). */
import { compileRegExpsNatively } from '../../src/native-regexps';

compileRegExpsNatively();
