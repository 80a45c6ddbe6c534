/**
 * No password is longer than this, in any form and in hashing itself: argon2 over a megabyte of
 * input is a denial of service, and nobody types a 257-character password.
 */
export const PASSWORD_MAX_LENGTH = 256;
