-- Roles: customer, staff (the original's is_staff: the catalogue, stock, orders, refunds, the counter) and owner
-- (also people, roles, costs and profit). is_staff stays, true for staff and owners, for the original's clients
-- and tokens. Everyone who was staff until now had every right, so they become owners.
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'staff', 'owner'));
UPDATE users SET role = 'owner' WHERE is_staff = 1;
