import { z } from 'zod';
import { k8sName, labelMap } from '../primitives';

/**
 * Object metadata kept in a design. Server-side fields (uid, resourceVersion, ...) are not part
 * of a design; the Calico importer drops them before they get here.
 */
export const objectMeta = z.strictObject({
  name: k8sName,
  labels: labelMap.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
