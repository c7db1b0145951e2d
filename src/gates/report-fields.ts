/** Small zod shapes the gates' stored report schemas share (`*-report.ts`): a stored file, an interval, a verdict. */
import { z } from 'zod';

/** A file the activity wrote beside its report, pinned by digest. */
export const storedFileSchema = z.object({ path: z.string().min(1), sha256: z.string() });

/** A confidence interval `[lower, upper]`. */
export const intervalSchema = z.tuple([z.number(), z.number()]);

export const verdictSchema = z.enum(['pass', 'fail', 'inconclusive', 'not_applicable']);
