import type { marketplace as zh } from "../zh-CN/marketplace";

export const marketplace: Record<keyof typeof zh, string> = {
};
