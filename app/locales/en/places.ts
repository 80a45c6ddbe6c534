import type { places as zh } from "../zh-CN/places";

export const places: Record<keyof typeof zh, string> = {
};
