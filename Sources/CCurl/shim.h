// Typed wrappers for libcurl's variadic functions, which Swift cannot call directly.
// Each wrapper replaces one use of curl_easy_setopt / curl_easy_getinfo with a fixed signature.
#ifndef PREVENT_ASSIST_CCURL_SHIM_H
#define PREVENT_ASSIST_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt(handle, option, long)
static inline CURLcode pa_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt(handle, option, const char *)
static inline CURLcode pa_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt(handle, option, void *)
static inline CURLcode pa_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt(handle, option, struct curl_slist *)
static inline CURLcode pa_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt(handle, option, curl_off_t)
static inline CURLcode pa_curl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION, callback)
static inline CURLcode pa_curl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback)
static inline CURLcode pa_curl_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

// curl_easy_getinfo(handle, info, long *)
static inline CURLcode pa_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
