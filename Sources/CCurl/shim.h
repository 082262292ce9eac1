#ifndef KMATICKER_CCURL_SHIM_H
#define KMATICKER_CCURL_SHIM_H
// libcurl: byte ranges of archives behind an HTTP(S) or S3 address (`extract --records-from`).
#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call: one wrapper per argument type.
static inline CURLcode kmaticker_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode kmaticker_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode kmaticker_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*kmaticker_curl_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode kmaticker_curl_set_write_callback(CURL *handle, kmaticker_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
static inline long kmaticker_curl_response_code(CURL *handle) {
    long code = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
    return code;
}
#endif
