// Test stub: the part of Apple's Foundation (and libdispatch, which it imports) that
// tmc_metal_bridge.mm uses, declared as the macOS SDK declares it, so that clang can check the
// bridge on Linux (BridgeSyntaxTest). Not an implementation: nothing here links or runs.
#ifndef TMC_STUB_FOUNDATION_H
#define TMC_STUB_FOUNDATION_H

#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

typedef unsigned long NSUInteger;
typedef long NSInteger;
typedef signed char BOOL;
#define nil nullptr /* as objc/objc.h defines it for C++11 */
#define YES ((BOOL) 1)
#define NO ((BOOL) 0)

#define NS_ENUM(type, name) enum name : type name; enum name : type
#define NS_OPTIONS(type, name) enum name : type name; enum name : type
#define NS_RETURNS_RETAINED __attribute__((ns_returns_retained))
#define NS_RETURNS_INNER_POINTER __attribute__((objc_returns_inner_pointer))

@protocol NSObject
@end

__attribute__((objc_root_class))
@interface NSObject <NSObject>
+ (instancetype)alloc;
- (instancetype)init;
@end

@interface NSString : NSObject
+ (nullable instancetype)stringWithUTF8String:(const char*)nullTerminatedCString;
@property (nullable, readonly) const char* UTF8String NS_RETURNS_INNER_POINTER;
@end

@interface NSError : NSObject
@property (readonly, copy) NSString* localizedDescription;
@end

// libdispatch, as OS_OBJECT_USE_OBJC declares it under ARC: objects with retain counts.
@protocol OS_dispatch_object <NSObject>
@end
@protocol OS_dispatch_queue <OS_dispatch_object>
@end
@protocol OS_dispatch_queue_global <OS_dispatch_queue>
@end
@protocol OS_dispatch_data <OS_dispatch_object>
@end
typedef NSObject<OS_dispatch_queue>* dispatch_queue_t;
typedef NSObject<OS_dispatch_queue_global>* dispatch_queue_global_t;
typedef NSObject<OS_dispatch_data>* dispatch_data_t;
typedef void (^dispatch_block_t)(void);

#define DISPATCH_QUEUE_PRIORITY_DEFAULT 0
#define DISPATCH_DATA_DESTRUCTOR_DEFAULT NULL

#ifdef __cplusplus
extern "C" {
#endif
dispatch_queue_global_t dispatch_get_global_queue(intptr_t identifier, uintptr_t flags);
dispatch_data_t dispatch_data_create(const void* buffer, size_t size, dispatch_queue_t _Nullable queue,
                                     dispatch_block_t _Nullable destructor) NS_RETURNS_RETAINED;
#ifdef __cplusplus
}
#endif

#pragma clang assume_nonnull end

#endif
