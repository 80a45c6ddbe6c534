export const deliberations = {
} as const;
