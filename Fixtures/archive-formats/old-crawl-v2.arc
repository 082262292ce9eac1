filedesc://old-crawl-v2.arc 127.0.0.1 20250826030003 text/plain 125
2 0 KMATicker fixtures
URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length

dns:www.sisacatch.example.com 127.0.0.1 20250826030003 text/dns 61
20250826030003
www.sisacatch.example.com.	300	IN	A	127.0.0.1

http://www.sisacatch.example.com/ 127.0.0.1 20250826030003 text/html 200 419e26b70ec0774b1d687b57f09e480f - 323 old-crawl-v2.arc 1425
HTTP/1.1 200 OK
Server: nginx
Date: Tue, 26 Aug 2025 02:59:56 GMT
Content-Type: text/html; charset=utf-8
Content-Length: 1292

<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>시사캐치 - 시사캐치 홈</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header id="top">
  <div class="date">최종편집: 2025-08-26 11:55</div>
  <h1 class="logo"><a href="/"><img src="/static/logo.png" alt="시사캐치"></a></h1>
  <div class="weather_box">
    <ul class="weather">
      <li>흐림속초 27.0℃</li>
      <li>흐림북춘천 27.2℃</li>
      <li>구름조금철원 29.8℃</li>
      <li>구름많음동두천 27.2℃</li>
      <li>구름많음파주 29.8℃</li>
      <li>맑음대관령 23.8℃</li>
      <li>흐림춘천 25.9℃</li>
      <li>박무백령도 28.0℃</li>
      <li>박무북강릉 30.6℃</li>
      <li>흐림강릉 28.6℃</li>
      <li>흐림동해 29.9℃</li>
      <li>구름조금서울 30.9℃</li>
    </ul>
    <span class="credit">기상청 제공</span>
  </div>
</header>
<article id="article-view">
  <h2>지역 소식 한눈에</h2>
  <p>오늘의 주요 기사를 모았습니다. 시의회는 내년 예산안 심사를 시작했고, 시장은 전통시장 활성화 방안을 발표했습니다.</p>
</article>
<footer><p>시사캐치 | 대전광역시 서구 | 등록번호 대전 아00000</p></footer>
</body>
</html>

http://www.sisacatch.example.com/static/style.css 127.0.0.1 20250826030003 text/css 200 3a8ab61087ea81fd7e3b8bc817ea7f78 - 1883 old-crawl-v2.arc 330
HTTP/1.1 200 OK
Server: nginx
Date: Tue, 26 Aug 2025 02:59:56 GMT
Content-Type: text/css
Last-Modified: Tue, 05 Aug 2025 02:00:00 GMT
Content-Length: 168

.weather_box{overflow:hidden;height:24px}
.weather li{display:inline-block;margin-right:12px}
.today_txt,.date{float:right;color:#666}
.logo img{width:16px;height:8px}

http://www.sisacatch.example.com/news/articleView.html?idxno=102 127.0.0.1 20250826030003 text/html 200 307e11937fcef074d744c4fc15e9576f - 2363 old-crawl-v2.arc 1329
HTTP/1.1 200 OK
Server: nginx
Date: Tue, 26 Aug 2025 02:59:56 GMT
Content-Type: text/html; charset=utf-8
Transfer-Encoding: chunked

2bc
<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>시사캐치 - 도서관 야간 개방</title>
</head>
<body>
<header id="top">
  <p class="today_txt">2025.08.26 (화)</p>
  <div class="weather_box">
    <ul class="weather">
      <li>흐림상주 27.5℃</li>
      <li>구름많음포항 30.9℃</li>
      <li>구름많음군산 32.4℃</li>
      <li>구름많음대구 29.4℃</li>
      <li>구름조금전주 31.4℃</li>
      <li>안개울산 33.1℃</li>
      <li>구름많음창원 29.9℃</li>
      <li>구름많음광주 29.4℃</li>
      <li>구름조금부산 32.6℃</li>
      <li>구름조금통영 28.4℃</li>
      <li>구름많음목포 29.9℃</li>
   
1d7
   <li>맑음여수 29.7℃</li>
    </ul>
    <span class="credit">기상청 제공</span>
  </div>
</header>
<article id="article-view">
  <h2>시립도서관 야간 개방 시범 운영</h2>
  <p>시립도서관 세 곳이 이번 주부터 밤 10시까지 문을 연다. 시범 운영 뒤 이용자 의견을 들어 확대 여부를 정한다.</p>
</article>
<footer><p>시사캐치 | 대전광역시 서구 | 등록번호 대전 아00000</p></footer>
</body>
</html>

0


