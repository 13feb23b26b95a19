import { redactUrl } from '../util';

/**
 * The URL with its password replaced by `****` (`postgres://app:****@db.internal:5432/app`), for every
 * message and target line: the one redaction of src/util (userinfo, `?password=`, `?sslpassword=`).
 */
export const maskUrl = (url: string): string => redactUrl(url);
