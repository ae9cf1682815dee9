import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';

/**
 * GET /api/health-records/secret_key/{id} (patient, 2.10). The body is forwarded unchanged as
 * the PATCH that accepts a request, so it is typed as an opaque object.
 */
export const getSecretKey = (recordId: string): Promise<Record<string, unknown>> =>
  api(path`/api/health-records/secret_key/${recordId}`);
