export async function runBaselines() {}
