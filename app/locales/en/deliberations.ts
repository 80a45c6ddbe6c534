import type { deliberations as zh } from "../zh-CN/deliberations";

export const deliberations: Record<keyof typeof zh, string> = {
};
