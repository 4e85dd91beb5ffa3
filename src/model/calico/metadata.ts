import { z } from 'zod';
import { isLabelKey, k8sName, labelMap } from '../primitives';

/** The Kubernetes API server's limit on an object's annotations: keys and values together (apimachinery TotalAnnotationSizeLimitB). */
export const MAX_ANNOTATIONS_SIZE = 256 * 1024;

/**
 * Annotations as the API server takes them: every key a qualified name (an optional DNS-subdomain
 * prefix and '/', then a name of at most 63 letters, digits, '-', '_' and '.', starting and
 * ending alphanumeric, the same rule as label keys), any string value, and all of it together at
 * most 256 KiB. A key the API server would refuse must not reach an exported manifest.
 */
const utf8 = new TextEncoder();

export const annotationMap = z.record(z.string(), z.string()).superRefine((annotations, ctx) => {
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    size += utf8.encode(key).length + utf8.encode(value).length;
    if (!isLabelKey(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `${JSON.stringify(key)} is not a valid annotation key: an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      });
    }
  }
  if (size > MAX_ANNOTATIONS_SIZE) {
    ctx.addIssue({
      code: 'custom',
      message: `annotations take ${size} bytes: at most ${MAX_ANNOTATIONS_SIZE} (256 KiB), keys and values together`,
    });
  }
});

/**
 * Object metadata kept in a design. Server-side fields (uid, resourceVersion, ...) are not part
 * of a design; the Calico importer drops them before they get here.
 */
export const objectMeta = z.strictObject({
  name: k8sName,
  labels: labelMap.optional(),
  annotations: annotationMap.optional(),
});
