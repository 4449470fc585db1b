package dev.etcdboot.client.auth;

/**
 * A permission a role holds on a range of keys.
 *
 * @param permission what the role may do
 * @param key the first key of the range
 * @param rangeEnd the end of the range (exclusive); empty for the single key {@code key},
 * the prefix's end for every key with the prefix {@code key}
 */
public record KeyRangePermission(Permission permission, String key, String rangeEnd) {

}
