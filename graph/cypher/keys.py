"""API keys, stored by hash only (`graph.keys`)."""

# $id, $name, $role, $hash -> nothing; stores a key by its hash only.
CREATE_API_KEY = """
CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, created_at: datetime(), revoked: false})
"""

# $hash -> the active key with that hash, or no row.
MATCH_API_KEY_BY_HASH = "MATCH (k:ApiKey {hash: $hash}) WHERE NOT k.revoked RETURN k {.id, .name, .role} AS key"

# -> every key (never the hash), newest first.
MATCH_API_KEYS = """
MATCH (k:ApiKey)
RETURN k {.id, .name, .role, .revoked, created_at: toString(k.created_at)} AS key
ORDER BY k.created_at DESC
"""

# $id -> the id of the key revoked now, or no row.
REVOKE_API_KEY = "MATCH (k:ApiKey {id: $id}) WHERE NOT k.revoked SET k.revoked = true RETURN k.id AS id"
