// Lets ThreadSanitizer see the synchronization that happens inside the
// uninstrumented Debian libraries. Linked into every binary of the TSan build
// (NEWSWIRE_SANITIZE=thread) only.
//
// 1. C11 threads. librdkafka starts its threads with thrd_create() and
// locks with mtx_*/cnd_*, which the TSan runtimes of GCC 12 and clang 14 do
// not intercept: such a thread has no TSan state and crashes in its first
// malloc, and memory handed over under those locks is reported as raced.
// They are defined here on top of the pthread calls TSan does intercept, as
// glibc implements them (thrd_t is a pthread_t; mtx_t and cnd_t have the
// size and alignment of pthread_mutex_t and pthread_cond_t).
//
// 2. absl::Mutex. Debian's Abseil is a shared library built without
// -fsanitize=thread, so TSan never sees its lock word change hands: every
// member guarded by an absl::Mutex would be reported as a data race. This file,
// linked into each executable of the TSan build, interposes the out-of-line
// entry points our code calls: each forwards to the real function in
// libabsl_synchronization (found with dlsym(RTLD_NEXT)) and tells TSan about
// the happens-before edge it creates (release before an unlock, acquire after a
// lock).
//
// Only the edges are modelled, not lock ownership, so TSan's lock-order
// (deadlock) reports do not cover absl::Mutex. Not covered: the timed
// variants (LockWhenWithTimeout, CondVar::WaitWithTimeout, ...) and
// absl::Notification, which the code run under TSan does not use; add them
// here before a TSan-tested path starts to.
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sanitizer/tsan_interface.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"

namespace {

#define NW_STRINGIFY2(x) #x
#define NW_STRINGIFY(x) NW_STRINGIFY2(x)

// The real function behind the Itanium-mangled name
// _ZN4absl<len><inline namespace><rest>, e.g. rest = "5Mutex4LockEv".
void* Real(const char* rest) {
  const char* ns = NW_STRINGIFY(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  std::string name =
      "_ZN4absl" + std::to_string(std::strlen(ns)) + ns + std::string(rest);
  void* fn = dlsym(RTLD_NEXT, name.c_str());
  if (fn == nullptr) {
    std::fprintf(stderr, "tsan_absl_sync: %s not found\n", name.c_str());
    std::abort();
  }
  return fn;
}

template <typename Fn>
Fn RealAs(const char* rest) {
  return reinterpret_cast<Fn>(Real(rest));
}

// What a C11 thread runs, carried through pthread_create.
struct C11Start {
  int (*func)(void*);
  void* arg;
};

void* RunC11Thread(void* p) {
  C11Start start = *static_cast<C11Start*>(p);
  delete static_cast<C11Start*>(p);
  // The int result travels as the pthread result, as in glibc's thrd_join.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  return reinterpret_cast<void*>(static_cast<intptr_t>(start.func(start.arg)));
}

// <threads.h> is C only (_Noreturn); its ABI is restated here.
constexpr int kThrdSuccess = 0;
constexpr int kThrdBusy = 1;
constexpr int kThrdError = 2;
constexpr int kThrdNomem = 3;
constexpr int kThrdTimedout = 4;
constexpr int kMtxRecursive = 1;

int FromErrno(int err) {
  switch (err) {
    case 0:
      return kThrdSuccess;
    case EBUSY:
      return kThrdBusy;
    case ETIMEDOUT:
      return kThrdTimedout;
    case ENOMEM:
    case EAGAIN:
      return kThrdNomem;
    default:
      return kThrdError;
  }
}

// mtx_t* / cnd_t* as the pthread object they hold.
pthread_mutex_t* AsMutex(void* m) { return static_cast<pthread_mutex_t*>(m); }
pthread_cond_t* AsCond(void* c) { return static_cast<pthread_cond_t*>(c); }

}  // namespace

extern "C" {

int thrd_create(pthread_t* thread, int (*func)(void*), void* arg) {
  auto* start = new C11Start{func, arg};
  int err = pthread_create(thread, nullptr, RunC11Thread, start);
  if (err == 0) return kThrdSuccess;
  delete start;
  return err == EAGAIN ? kThrdNomem : kThrdError;
}

int thrd_join(pthread_t thread, int* result) {
  void* value = nullptr;
  if (pthread_join(thread, &value) != 0) return kThrdError;
  if (result != nullptr) {
    *result = static_cast<int>(reinterpret_cast<intptr_t>(value));
  }
  return kThrdSuccess;
}

int thrd_detach(pthread_t thread) {
  return pthread_detach(thread) == 0 ? kThrdSuccess : kThrdError;
}

int mtx_init(void* m, int type) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  if (type & kMtxRecursive) {
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  }
  int err = pthread_mutex_init(AsMutex(m), &attr);
  pthread_mutexattr_destroy(&attr);
  return FromErrno(err);
}
int mtx_lock(void* m) { return FromErrno(pthread_mutex_lock(AsMutex(m))); }
int mtx_trylock(void* m) {
  return FromErrno(pthread_mutex_trylock(AsMutex(m)));
}
int mtx_unlock(void* m) { return FromErrno(pthread_mutex_unlock(AsMutex(m))); }
void mtx_destroy(void* m) { pthread_mutex_destroy(AsMutex(m)); }

int cnd_init(void* c) {
  return FromErrno(pthread_cond_init(AsCond(c), nullptr));
}
int cnd_signal(void* c) { return FromErrno(pthread_cond_signal(AsCond(c))); }
int cnd_broadcast(void* c) {
  return FromErrno(pthread_cond_broadcast(AsCond(c)));
}
int cnd_wait(void* c, void* m) {
  return FromErrno(pthread_cond_wait(AsCond(c), AsMutex(m)));
}
int cnd_timedwait(void* c, void* m, const struct timespec* deadline) {
  return FromErrno(pthread_cond_timedwait(AsCond(c), AsMutex(m), deadline));
}
void cnd_destroy(void* c) { pthread_cond_destroy(AsCond(c)); }

}  // extern "C"

namespace absl {
ABSL_NAMESPACE_BEGIN

void Mutex::Lock() {
  static auto real = RealAs<void (*)(Mutex*)>("5Mutex4LockEv");
  real(this);
  __tsan_acquire(this);
}

void Mutex::ReaderLock() {
  static auto real = RealAs<void (*)(Mutex*)>("5Mutex10ReaderLockEv");
  real(this);
  __tsan_acquire(this);
}

bool Mutex::TryLock() {
  static auto real = RealAs<bool (*)(Mutex*)>("5Mutex7TryLockEv");
  bool locked = real(this);
  if (locked) __tsan_acquire(this);
  return locked;
}

bool Mutex::ReaderTryLock() {
  static auto real = RealAs<bool (*)(Mutex*)>("5Mutex13ReaderTryLockEv");
  bool locked = real(this);
  if (locked) __tsan_acquire(this);
  return locked;
}

void Mutex::Unlock() {
  static auto real = RealAs<void (*)(Mutex*)>("5Mutex6UnlockEv");
  __tsan_release(this);
  real(this);
}

void Mutex::ReaderUnlock() {
  static auto real = RealAs<void (*)(Mutex*)>("5Mutex12ReaderUnlockEv");
  __tsan_release(this);
  real(this);
}

// Await and CondVar::Wait unlock and lock again inside.
void Mutex::Await(const Condition& cond) {
  static auto real = RealAs<void (*)(Mutex*, const Condition&)>(
      "5Mutex5AwaitERKNS0_9ConditionE");
  __tsan_release(this);
  real(this, cond);
  __tsan_acquire(this);
}

void Mutex::LockWhen(const Condition& cond) {
  static auto real = RealAs<void (*)(Mutex*, const Condition&)>(
      "5Mutex8LockWhenERKNS0_9ConditionE");
  real(this, cond);
  __tsan_acquire(this);
}

void CondVar::Wait(Mutex* mu) {
  static auto real =
      RealAs<void (*)(CondVar*, Mutex*)>("7CondVar4WaitEPNS0_5MutexE");
  __tsan_release(mu);
  real(this, mu);
  __tsan_acquire(mu);
}

ABSL_NAMESPACE_END
}  // namespace absl
