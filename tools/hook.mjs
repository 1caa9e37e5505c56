// What the post-build hooks of Trunk.toml share: the staging folder Trunk gives them, and the sha384 digests
// index.html names every file by.
import { createHash } from 'node:crypto';

/** The build being written (Trunk's TRUNK_STAGING_DIR). */
export const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR)');

/** Whether this is a release build (minifying and renaming are for those only). */
export const release = process.env.TRUNK_PROFILE === 'release';

/** A file's digest as an integrity attribute holds it. */
export const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** `index` with the digest of a file's old bytes replaced by that of its new ones, where it names the file. */
export const redigest = (index, before, after) =>
  index.includes(integrity(before)) ? index.replace(integrity(before), integrity(after)) : index;
