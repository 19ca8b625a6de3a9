-- Codes and photos of sweets. `sku` (the shop's own code) and `barcode` (EAN-13, a UPC-A stored with its leading 0)
-- are optional and unique. `image` names the sweet's photo in `sweet_images` by its digest (content-addressed: the
-- same photo is stored once); the photo's two sizes are WebP, base64 text (SOCI binds text on every backend).
ALTER TABLE sweets ADD COLUMN sku TEXT;
ALTER TABLE sweets ADD COLUMN barcode TEXT;
ALTER TABLE sweets ADD COLUMN image TEXT;
CREATE UNIQUE INDEX sweets_sku ON sweets (sku);
CREATE UNIQUE INDEX sweets_barcode ON sweets (barcode);

CREATE TABLE sweet_images (
    digest TEXT PRIMARY KEY,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    card TEXT NOT NULL,
    thumbnail TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);
