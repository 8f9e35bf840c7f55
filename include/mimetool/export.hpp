#pragma once
// MIMETOOL_API marks the library's public symbols (the library is built with hidden visibility).
#if defined(MIMETOOL_STATIC)
#define MIMETOOL_API
#elif defined(MIMETOOL_BUILDING)
#define MIMETOOL_API __attribute__((visibility("default")))
#else
#define MIMETOOL_API
#endif
